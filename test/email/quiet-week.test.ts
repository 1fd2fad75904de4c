/**
 * The Monday cron after a quiet week: `email --period latest:week` on a report built that Monday
 * sends a snapshot that says nothing happened and names the latest action before the week, through
 * the CLI and a real SMTP server on 127.0.0.1, and exits 0.
 * The log is test/fixtures/periods/gaps.csv: its last action before 23 February 2026 is bob's of
 * 10 February, 11:00 in Paris; 2026-W08 (16-22 February) holds none.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile} from "node:child_process";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import type {AddressInfo} from "node:net";
import {simpleParser} from "mailparser";
import {SMTPServer} from "smtp-server";
import {build} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";

const BIN = path.resolve("bin/activity-report.js");

test("after a quiet week, latest:week sends a snapshot that says so (exit 0)", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "ar-quiet-week-"));
  const received: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => (received.push(Buffer.concat(chunks)), callback(null)));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const out = path.join(root, "site");
    const config = buildConfig({
      input: [path.resolve("test/fixtures/periods/gaps.csv")],
      out,
      tz: "Europe/Paris",
      "as-of": "2026-02-23",
      workers: "0",
      "no-cache": true,
      quiet: true,
    });
    await build(config, {now: () => new Date("2026-02-23T05:00:00Z"), log: () => {}, progress: () => {}});
    const port = (server.server.address() as AddressInfo).port;
    const args = [BIN, "email", "--report", out, "--period", "latest:week", "--to", "team@example.org", "--from", "report@example.org"];
    const run = await new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) => {
      const child = execFile(process.execPath, args, {env: {...process.env, SMTP_URL: `smtp://127.0.0.1:${port}`}, timeout: 60_000}, (_error, stdout, stderr) =>
        resolve({code: child.exitCode, stdout, stderr}),
      );
    });
    assert.is(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Week 8, 2026: \d+ KB message, 0 charts; sent to team@example\.org \(250/);
    assert.is(received.length, 1);
    const mail = await simpleParser(received[0]);
    assert.is(mail.subject, "Backoffice activity · gaps-domain · Week 8, 2026");
    const text = String(mail.text);
    assert.match(text, /^No activity in this period\. Latest action before it: 10 Feb 2026, 11:00\.$/m);
    // compared with the week before, 2026-W07 (bob's one action), as on the page
    assert.match(text, /^Actions +0 +\u2212100% vs Week 7, 2026 \(1\)$/m);
    assert.match(String(mail.html), /No activity in this period\. Latest action before it: 10 Feb 2026, 11:00\./);
    assert.is(mail.attachments.length, 0, "no chart of an empty week");
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(root, {recursive: true, force: true});
  }
});

test.run();
