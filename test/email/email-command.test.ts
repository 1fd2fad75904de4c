import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile} from "node:child_process";
import {readFileSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import path from "node:path";
import {simpleParser} from "mailparser";
import {InputError, ReportError} from "../../src/errors.js";
import {composeEmail, sendSnapshot} from "../../src/email/email-command.js";
import {renderChartPng} from "../../src/email/chart-png.js";
import {caught, FIXTURE_REPORT, fixtureConfig, fixtureEffects} from "./email-fixture.js";

test("writes the .eml and says what it did in one line", async () => {
  const effects = fixtureEffects();
  const line = await sendSnapshot(fixtureConfig({period: {kind: "latest", type: "month"}}), effects);
  assert.match(line, /^March 2025: \d+ KB message, 2 charts; wrote out\.eml$/);
  const mail = await simpleParser(effects.written.get("out.eml")!);
  assert.is(mail.subject, "Backoffice activity · Data & Co <portal> · March 2025");
});

test("latest:month with an as-of day of 31 March 2025 mails February", async () => {
  const {content} = await composeEmail(fixtureConfig({period: {kind: "latest", type: "month"}, asOf: "2025-03-31"}), fixtureEffects());
  assert.is(content.periodTitle, "February 2025");
});

test("an empty period: no chart images, the note, and tables that say none", async () => {
  const {content, message} = await composeEmail(fixtureConfig({period: {kind: "exact", type: "month", key: "2025-04"}}), fixtureEffects());
  assert.is(content.charts.length, 0);
  const mail = await simpleParser(message, {keepCidLinks: true});
  assert.is(mail.attachments.length, 0);
  assert.not.match(String(mail.html), /cid:|<img/);
  assert.is((String(mail.html).match(/None in this period\./g) ?? []).length, 3);
  assert.match(String(mail.html), /Figures so far: the period ends on 30 Apr 2025\./);
});

test("--attach-csv adds the period's activity.csv next to the images", async () => {
  const {message} = await composeEmail(fixtureConfig({period: {kind: "exact", type: "rolling", key: "last-7-days"}, attachCsv: true}), fixtureEffects());
  const mail = await simpleParser(message);
  const csv = mail.attachments.find((a) => a.filename === "activity-rolling-last-7-days.csv");
  assert.ok(csv);
  assert.is(csv.contentType, "text/csv");
  assert.equal(
    csv.content
      .toString("utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[2]),
    ["frank", "alice", "alice"],
  );
  assert.is(mail.attachments.filter((a) => a.contentType === "image/png").length, 2);
});

test("a folder that is not a report, or a broken file, is an InputError naming the file", async () => {
  const missing = await caught(composeEmail(fixtureConfig({report: "/nonexistent/report"}), fixtureEffects()));
  assert.instance(missing, InputError);
  assert.match(missing.message, /^\/nonexistent\/report\/report\.json: cannot read \(ENOENT/);
  const effects = fixtureEffects();
  const replacing = (suffix: string, text: string) => ({
    ...effects,
    readFile: async (file: string) => (file.endsWith(suffix) ? Buffer.from(text) : effects.readFile(file)),
  });
  const broken = await caught(composeEmail(fixtureConfig(), replacing("2025-03/indicators.json", '{"totals": {"actions": 12}}')));
  assert.instance(broken, InputError);
  assert.match(broken.message, /2025-03\/indicators\.json: field "topUsers" is missing or not an array$/);
  const lists = '"topUsers": [], "topDatasets": [], "topPages": [], "distribution": []';
  const badTotals = await caught(composeEmail(fixtureConfig(), replacing("2025-02/indicators.json", `{"totals": {"actions": "8"}, ${lists}}`)));
  assert.match(badTotals.message, /2025-02\/indicators\.json: field "totals\.actions" is missing or not a number$/);
  const notJson = await caught(composeEmail(fixtureConfig(), replacing("report.json", "{")));
  assert.match(notJson.message, /report\.json: not valid JSON/);
});

test("a .eml that cannot be written is one ReportError line", async () => {
  const effects = {...fixtureEffects(), writeFile: async () => Promise.reject(new Error("EACCES: permission denied"))};
  const error = await caught(sendSnapshot(fixtureConfig({eml: "/root/x.eml"}), effects));
  assert.instance(error, ReportError);
  assert.is(error.message, "/root/x.eml: cannot write the message (EACCES: permission denied)");
});

/** An HTTP listener on 127.0.0.1 that counts the requests it gets. */
async function listener(): Promise<{url: string; requests: () => number; close: () => Promise<void>}> {
  let requests = 0;
  const server: Server = createServer((_request, response) => {
    requests++;
    response.setHeader("content-type", "application/json");
    response.end('[{"action": "x", "count": 1}]');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {url, requests: () => requests, close: () => new Promise<void>((resolve) => server.close(() => resolve()))};
}

test("a charts.json whose spec loads a URL (data or image) is refused, and nothing is requested", async () => {
  const server = await listener();
  try {
    const chartsFile = path.join(FIXTURE_REPORT, "month/2025-03/charts.json");
    const charts = JSON.parse(readFileSync(chartsFile, "utf8"));
    const spec = charts.charts[0].vega;
    spec.data = [{name: "stolen", url: `${server.url}/data.json`}, ...spec.data];
    const effects = fixtureEffects();
    const tampered = {...effects, readFile: async (file: string) => (file === chartsFile ? Buffer.from(JSON.stringify(charts)) : effects.readFile(file))};
    const error = await caught(composeEmail(fixtureConfig(), tampered));
    assert.instance(error, InputError);
    assert.is(error.message, `${chartsFile}: field "charts[0].vega.data[0].url": a chart of the report carries its data; the email loads nothing from a URL`);
    // the renderer loads nothing either, whatever reaches it: a data set and an image mark by URL
    const image = {type: "image", encode: {enter: {url: {value: `${server.url}/image.png`}, width: {value: 10}, height: {value: 10}}}};
    await renderChartPng({...spec, marks: [...spec.marks, image]}, 600);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.is(server.requests(), 0);
  } finally {
    await server.close();
  }
});

test("--base-url must be an http: or https: URL: anything else is one line and exit 1", async () => {
  const bin = path.join(FIXTURE_REPORT, "../../../../bin/activity-report.js");
  const run = (baseUrl: string) =>
    new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) => {
      const args = [bin, "email", "--report", FIXTURE_REPORT, "--period", "month:2025-03", "--eml", "/nonexistent/never.eml", "--base-url", baseUrl];
      const child = execFile(process.execPath, args, {timeout: 60_000}, (_error, stdout, stderr) => resolve({code: child.exitCode, stdout, stderr}));
    });
  const refused = await run("javascript:alert(document.cookie)//");
  assert.is(refused.code, 1);
  assert.is(refused.stdout, "");
  assert.is(
    refused.stderr,
    'activity-report: option --base-url: expected an http:// or https:// URL (e.g. https://reports.example.org), not a "javascript:" URL\n',
  );
  const {link} = (await composeEmail(fixtureConfig({baseUrl: "https://reports.example.org"}), fixtureEffects())).content;
  assert.is(link, "https://reports.example.org/month/2025-03/");
});

test.run();
