import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile} from "node:child_process";
import {createServer, type AddressInfo, type Socket} from "node:net";
import path from "node:path";
import {simpleParser} from "mailparser";
import {SMTPServer, type SMTPServerAddress} from "smtp-server";
import {ConfigError, DeliveryError} from "../../src/errors.js";
import {sendSnapshot} from "../../src/email/email-command.js";
import {deliverMessage, maskSecret, smtpOptions} from "../../src/email/smtp-delivery.js";
import {caught, FIXTURE_REPORT, fixtureConfig, fixtureEffects} from "./email-fixture.js";

const PASSWORD = "hunter2 S3CR@T";
const ENCODED = encodeURIComponent(PASSWORD); // "hunter2%20S3CR%40T"
const REFUSED = "nobody@example.org";

/** A local SMTP server without TLS that checks the login, refuses REFUSED and keeps what it gets. */
async function startServer(refuseData = false) {
  const received: {from: string; to: string[]; raw: Buffer}[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "reporter" && auth.password === PASSWORD) return callback(null, {user: auth.username});
      callback(Object.assign(new Error("5.7.8 authentication failed"), {responseCode: 535}));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (address.address === REFUSED) return callback(Object.assign(new Error("5.1.1 no such mailbox here"), {responseCode: 550}));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refuseData) return callback(Object.assign(new Error("5.7.1 message looks like spam"), {responseCode: 554}));
        const from = session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address;
        received.push({from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks)});
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {received, port, url: `smtp://reporter:${ENCODED}@127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve()))};
}

/** A port nothing listens on: bound by the OS, then released. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await caught(promise);
  assert.instance(error, DeliveryError);
  return error as DeliveryError;
}

function assertOneSafeLine(message: string) {
  assert.not.match(message, /[\r\n]/);
  assert.not.ok(message.includes(PASSWORD) || message.includes(ENCODED) || message.includes("hunter2"), message);
}

test("the server receives the same message that was written to the .eml", async () => {
  const server = await startServer();
  try {
    const effects = fixtureEffects();
    const config = fixtureConfig({to: ["lead@example.org", "team@example.org"], smtpUrl: server.url, attachCsv: true});
    const line = await sendSnapshot(config, effects);
    assert.match(line, /sent to lead@example.org, team@example.org \(250 /);
    assert.is(server.received.length, 1);
    const [delivery] = server.received;
    assert.is(delivery.from, "activity-report@localhost");
    assert.equal(delivery.to, ["lead@example.org", "team@example.org"]);
    const eml = effects.written.get("out.eml")!;
    assert.ok(eml.length > 10_000);
    const [sent, written] = await Promise.all([simpleParser(delivery.raw, {keepCidLinks: true}), simpleParser(eml, {keepCidLinks: true})]);
    assert.is(sent.subject, written.subject);
    assert.is(sent.text, written.text);
    assert.is(sent.html, written.html);
    assert.is(sent.messageId, written.messageId);
    assert.equal(
      sent.attachments.map((a) => [a.contentType, a.cid, a.checksum]),
      written.attachments.map((a) => [a.contentType, a.cid, a.checksum]),
    );
    const csv = sent.attachments.find((a) => a.contentType === "text/csv");
    assert.is(csv?.filename, "activity-month-2025-03.csv");
    assert.is(csv?.content.toString("utf8").trim().split("\n").length, 13, "header and 12 March rows");
  } finally {
    await server.close();
  }
});

test("a refused recipient is one DeliveryError line without the password", async () => {
  const server = await startServer();
  try {
    const config = fixtureConfig({eml: undefined, to: ["lead@example.org", REFUSED], smtpUrl: server.url});
    const error = await failure(sendSnapshot(config, fixtureEffects()));
    assert.is(error.exitCode, 1);
    assert.match(error.message, new RegExp(`SMTP server 127\\.0\\.0\\.1:${server.port} refused recipient ${REFUSED}.*550 5\\.1\\.1 no such mailbox here`));
    assertOneSafeLine(error.message);
    const alone = await failure(sendSnapshot(fixtureConfig({eml: undefined, to: [REFUSED], smtpUrl: server.url}), fixtureEffects()));
    assert.match(alone.message, /refused the envelope: .*550 5\.1\.1 no such mailbox here/);
    assertOneSafeLine(alone.message);
  } finally {
    await server.close();
  }
});

test("a refused login and a refused message fail the same way", async () => {
  const server = await startServer(true);
  try {
    const wrong = `smtp://reporter:not-${ENCODED}@127.0.0.1:${server.port}`;
    const login = await failure(deliverMessage(Buffer.from("Subject: x\r\n\r\nx\r\n"), {from: "a@localhost", to: ["b@example.org"]}, wrong));
    assert.match(login.message, /refused the login: .*535/);
    assertOneSafeLine(login.message);
    const data = await failure(deliverMessage(Buffer.from("Subject: x\r\n\r\nx\r\n"), {from: "a@localhost", to: ["b@example.org"]}, server.url));
    assert.match(data.message, /refused the message: .*554 5\.7\.1 message looks like spam/);
    assertOneSafeLine(data.message);
  } finally {
    await server.close();
  }
});

test("an unreachable server fails fast with one line", async () => {
  const port = await freePort();
  const started = Date.now();
  const error = await failure(
    sendSnapshot(fixtureConfig({to: ["lead@example.org"], smtpUrl: `smtp://reporter:${ENCODED}@127.0.0.1:${port}`}), fixtureEffects()),
  );
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  assert.match(error.message, new RegExp(`cannot reach SMTP server 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
  assertOneSafeLine(error.message);
});

test("the CLI exits 1 with one line on stderr, and never shows SMTP_URL's password", async () => {
  const server = await startServer();
  const bin = path.join(FIXTURE_REPORT, "../../../../bin/activity-report.js");
  // one run only: starting the CLI (tsx, vega) takes seconds on a busy machine
  const run = (url: string) =>
    new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) => {
      const args = [bin, "email", "--report", FIXTURE_REPORT, "--period", "latest:month", "--to", REFUSED];
      const child = execFile(process.execPath, args, {env: {...process.env, SMTP_URL: url}, timeout: 60_000}, (_error, stdout, stderr) =>
        resolve({code: child.exitCode, stdout, stderr}),
      );
    });
  try {
    const refused = await run(server.url);
    assert.is(refused.code, 1);
    assert.is(refused.stdout, "");
    assert.match(refused.stderr, /^activity-report: SMTP server 127\.0\.0\.1:\d+ refused the envelope: .*550 5\.1\.1 no such mailbox here\n$/);
    assertOneSafeLine(refused.stderr.trimEnd());
  } finally {
    await server.close();
  }
});

/**
 * A raw SMTP server on 127.0.0.1 that echoes every command line it was sent in its replies, as a
 * careless (or hostile) server may: it offers AUTH `method`, refuses the login when `refuseLogin`,
 * else takes the message and echoes the whole session in its last reply.
 */
async function startEchoServer(method: "PLAIN" | "LOGIN", refuseLogin: boolean) {
  const server = createServer((socket: Socket) => {
    const heard: string[] = [];
    let buffered = "";
    let inData = false;
    let loginStep = 0;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const login = () => reply(refuseLogin ? `535 5.7.8 refused: ${heard.join(" | ")}` : `235 2.7.0 welcome: ${heard.join(" | ")}`);
    reply("220 echo.test ESMTP");
    socket.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("latin1");
      for (let end = buffered.indexOf("\r\n"); end !== -1; end = buffered.indexOf("\r\n")) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            reply(`250 2.0.0 queued; you said: ${heard.join(" | ")}`);
          }
          continue;
        }
        heard.push(line);
        if (loginStep > 0) {
          if (loginStep++ === 1) reply("334 UGFzc3dvcmQ6");
          else {
            loginStep = 0;
            login();
          }
        } else if (/^EHLO /i.test(line)) socket.write(`250-echo.test\r\n250-AUTH ${method}\r\n250 8BITMIME\r\n`);
        else if (/^AUTH PLAIN /i.test(line)) login();
        else if (/^AUTH LOGIN$/i.test(line)) {
          loginStep = 1;
          reply("334 VXNlcm5hbWU6");
        } else if (/^DATA$/i.test(line)) {
          inData = true;
          reply("354 go ahead");
        } else if (/^QUIT$/i.test(line)) {
          reply("221 bye");
          socket.end();
        } else reply(`250 2.1.0 ok: ${line}`);
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {url: `smtp://reporter:${ENCODED}@127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve()))};
}

test("a server that echoes the login: its replies are printed without the password or its base64 forms", async () => {
  const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  const forms = [PASSWORD, ENCODED, "hunter2", base64(PASSWORD), base64(`\0reporter\0${PASSWORD}`), base64("reporter")].flatMap((form) => [
    form,
    form.replace(/=+$/, ""),
  ]);
  const shown: string[] = [];
  for (const method of ["PLAIN", "LOGIN"] as const) {
    for (const refuseLogin of [false, true]) {
      const server = await startEchoServer(method, refuseLogin);
      try {
        const config = fixtureConfig({eml: undefined, to: ["lead@example.org"], smtpUrl: server.url});
        const line = refuseLogin ? (await failure(sendSnapshot(config, fixtureEffects()))).message : await sendSnapshot(config, fixtureEffects());
        // the server did echo the login: the line shows where it was, masked
        assert.match(line, method === "PLAIN" ? /AUTH PLAIN \*\*\*/ : /AUTH LOGIN \| \*\*\* \| \*\*\*/, line);
        assert.match(line, refuseLogin ? /refused the login: .*535/ : /sent to lead@example\.org \(250 2\.0\.0 queued/, line);
        for (const form of forms) assert.not.ok(line.includes(form), `${method}: ${form} in ${line}`);
        assertOneSafeLine(line);
        shown.push(line);
      } finally {
        await server.close();
      }
    }
  }
  assert.is(shown.length, 4);
});

test("smtpOptions reads the URL; a bad URL is a ConfigError that does not show it", () => {
  const options = smtpOptions(`smtps://reporter:${ENCODED}@mail.example.org`);
  const auth = options.auth as {user: string; pass: string};
  assert.equal([options.host, options.port, options.secure, auth.user, auth.pass], ["mail.example.org", 465, true, "reporter", PASSWORD]);
  assert.is(smtpOptions("smtp://127.0.0.1:2525").auth, undefined);
  assert.is(smtpOptions("smtp://127.0.0.1").port, 587);
  for (const bad of [`http://reporter:${ENCODED}@x`, `reporter:${PASSWORD}@x`]) {
    assert.throws(
      () => smtpOptions(bad),
      (e: unknown) => e instanceof ConfigError && !e.message.includes("hunter2"),
    );
  }
});

test("maskSecret hides the password raw and decoded, and the whole URL", () => {
  const url = `smtp://reporter:${ENCODED}@127.0.0.1:25`;
  assert.is(maskSecret(`failed for ${url}\n with ${PASSWORD} and ${ENCODED}`, url), "failed for *** with *** and ***");
  assert.is(maskSecret("nothing secret", "smtp://127.0.0.1:25"), "nothing secret");
});

test("recipients without an SMTP URL are a ConfigError before anything is written", async () => {
  const effects = fixtureEffects();
  const error = await caught(sendSnapshot(fixtureConfig({to: ["lead@example.org"]}), effects));
  assert.instance(error, ConfigError);
  assert.match(error.message, /SMTP_URL/);
  assert.is(effects.written.size, 0);
});

test.run();
