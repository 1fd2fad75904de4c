import {test} from "uvu";
import * as assert from "uvu/assert";
import {readFile} from "node:fs/promises";
import path from "node:path";
import {simpleParser, type ParsedMail} from "mailparser";
import {composeEmail} from "../../src/email/email-command.js";
import {FIXED_NOW, FIXTURE_REPORT, fixtureConfig, fixtureEffects} from "./email-fixture.js";
import {IMG_PAGE, QUOTED_DATASET, SCRIPT_USER} from "../fixtures/email/report-data.js";

const march = await composeEmail(fixtureConfig({baseUrl: "https://reports.example.org/data-co/"}), fixtureEffects());
const mail: ParsedMail = await simpleParser(march.message, {keepCidLinks: true});
const html = String(mail.html);
const text = mail.text ?? "";

const cids = (source: string) => [...source.matchAll(/cid:([^"'\s)>]+)/g)].map((match) => match[1]);

test("the message is multipart/alternative: text/plain, then the HTML and its images in multipart/related", () => {
  const raw = march.message.toString("latin1");
  const [headers] = raw.split("\r\n\r\n");
  assert.match(headers, /^Content-Type: multipart\/alternative;/m);
  assert.ok(raw.indexOf("Content-Type: text/plain") < raw.indexOf("Content-Type: multipart/related;"));
  assert.match(raw, /Content-Type: text\/plain; charset=utf-8/);
  assert.match(raw, /Content-Type: text\/html; charset=utf-8/);
  assert.ok(text.length > 200 && html.length > 1000);
  assert.ok(
    march.message.every((byte) => byte < 128),
    "every byte is 7-bit",
  );
});

test("headers: subject with the report title and the period, the fixed date, from and to", () => {
  assert.is(mail.subject, "Backoffice activity · Data & Co <portal> · March 2025");
  assert.is(mail.date?.toISOString(), FIXED_NOW.toISOString());
  assert.is(mail.from?.value[0].address, "activity-report@localhost");
  assert.match(march.message.toString("latin1"), /^To: "?undisclosed-recipients"?:;/m);
});

test("every cid: in the HTML has its image/png part, and every image is referenced", () => {
  const referenced = cids(html);
  const images = mail.attachments.filter((a) => a.contentType === "image/png");
  assert.equal(referenced.sort(), images.map((a) => a.cid).sort());
  assert.is(images.length, 2, "the actions chart and the donut");
  for (const image of images) {
    assert.is(image.contentDisposition, "inline");
    assert.equal([...image.content.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }
  assert.is(mail.attachments.length, 2, "no CSV unless asked");
});

test("each image has alt text stating its numbers, from charts.json's summary", async () => {
  const charts = JSON.parse(await readFile(path.join(FIXTURE_REPORT, "month/2025-03/charts.json"), "utf8")).charts;
  for (const id of ["actions", "distribution"]) {
    const summary: string = charts.find((c: {id: string}) => c.id === id).summary;
    const img = new RegExp(`<img src="cid:${id}\\.month-2025-03@activity-report"[^>]*alt="([^"]*)"`).exec(html);
    assert.ok(img, `img for ${id}`);
    assert.is(img[1], summary.replace(/&/g, "&#38;").replace(/</g, "&#60;").replace(/>/g, "&#62;"));
  }
  assert.match(html, /alt="12 actions in March 2025: 8 dataset_update, 3 page_update, 1 dataset_publish;/);
});

test("no script, no SVG, no external resources; the dark-mode meta tag is there", () => {
  assert.not.match(html, /<script/i);
  assert.not.match(html, /<svg/i);
  assert.not.match(html, /\ssrc="(?!cid:)/);
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  assert.ok(tags.length > 50);
  assert.not.ok(
    tags.some((tag) => /\son\w+=/i.test(tag)),
    "no event handler attribute",
  );
  assert.match(html, /<meta name="color-scheme" content="light dark">/);
  assert.match(html, /width="640"/);
});

test("hostile ids appear escaped in the HTML and as they are in the text", () => {
  assert.ok(html.includes("&#60;script&#62;alert(1)&#60;/script&#62;"));
  assert.ok(html.includes("a&#38;b &#34;quoted&#34;&#60;i&#62;"));
  assert.ok(html.includes("&#60;img src=x onerror=alert(2)&#62;"));
  assert.ok(html.includes("Data &#38; Co &#60;portal&#62;"));
  for (const raw of [SCRIPT_USER, QUOTED_DATASET, IMG_PAGE]) {
    assert.not.ok(html.includes(raw), `raw ${raw} in HTML`);
    assert.ok(text.includes(raw), `${raw} in text`);
  }
});

test("the figures match indicators.json, with the page's changes from February (8 actions, 3 users)", () => {
  // March: 12 actions, 6 users, 2.0 per user (one decimal, as on the page); February: 8, 3. Users change by a count, as on the page;
  // actions per user has no change, as on the page
  assert.match(text, /^Actions {12}12 {2}\+50% vs February 2025 \(8\)$/m);
  assert.match(text, /^Active users {8}6 {2}\+3 vs February 2025 \(3\)$/m);
  assert.match(text, /^Actions per user {2}2\.0$/m);
  for (const figure of [">12<", ">6<", ">2.0<", "+50% vs February 2025 (8)", "+3 vs February 2025 (3)"]) {
    assert.ok(html.includes(figure), figure);
  }
  assert.match(text, /^March 2025 \(1–31 Mar 2025\)$/m);
});

test("top 5 lists: five users of six (frank is sixth), three datasets, two pages, with counts and shares", () => {
  const users = [...text.matchAll(/^ {2}(\d)\. (.*) · (\d+) \((\d+\.\d)%\)$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
  assert.equal(users, [
    "1 alice 4 33.3",
    `2 ${SCRIPT_USER} 3 25.0`,
    "3 bob 2 16.7",
    "4 dave 1 8.3",
    "5 erin 1 8.3",
    "1 budget-2025 4 33.3",
    "2 trees 3 25.0",
    `3 ${QUOTED_DATASET} 2 16.7`,
    "1 home 2 16.7",
    `2 ${IMG_PAGE} 1 8.3`,
  ]);
  assert.not.ok(text.includes("frank") || html.includes("frank"));
  assert.match(text, /^ {5}Dataset publish 1 · Dataset update 1 · Page update 1$/m);
  assert.is((html.match(/<tr><td class="text rule"/g) ?? []).length, 10);
});

test("the link goes to the period's hosted page, once in each part", () => {
  const link = "https://reports.example.org/data-co/month/2025-03/";
  assert.match(text, new RegExp(`^Full report: ${link}$`, "m"));
  assert.ok(html.includes(`<a href="${link}"`));
});

test("dates in the report's zone: built at 00:30 UTC is 02:30 in Paris", () => {
  assert.match(text, /Built 1 Apr 2025, 02:30 · dates and times in Europe\/Paris/);
});

test.run();
