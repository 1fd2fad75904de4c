/**
 * Screenshots the HTML part of an email snapshot as a mail client would show it: the message is
 * parsed back with mailparser, its cid: images are written next to the HTML in a temp folder, and
 * headless Chromium (Debian's /usr/bin/chromium, through playwright-core) saves a full-page PNG.
 *
 *   npx tsx scripts/screenshot-email.ts                       # the test fixture, month:2025-03
 *   npx tsx scripts/screenshot-email.ts --report dist --period latest:month [--base-url URL]
 *   npx tsx scripts/screenshot-email.ts --eml snapshot.eml [--out docs/email-snapshot.png] [--dark dark.png]
 *                                       [--width 700]    # the window, e.g. 375 for a phone
 */
import {mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {parseArgs} from "node:util";
import {simpleParser} from "mailparser";
import {chromium} from "playwright-core";
import {emailConfig} from "../src/email/email-config.js";
import {composeEmail} from "../src/email/email-command.js";

const {values} = parseArgs({
  options: {
    eml: {type: "string"},
    report: {type: "string", default: "test/fixtures/email/report"},
    period: {type: "string", default: "month:2025-03"},
    "base-url": {type: "string", default: "https://reports.example.org/data-co"},
    out: {type: "string", default: "docs/email-snapshot.png"},
    dark: {type: "string"},
    width: {type: "string", default: "700"},
  },
});

async function message(): Promise<Buffer> {
  if (values.eml !== undefined) return readFile(values.eml);
  const config = emailConfig({report: values.report, period: values.period, eml: "-", "base-url": values["base-url"]}, {});
  const composed = await composeEmail(config, {readFile: (file) => readFile(file), now: () => new Date()});
  console.log(`composed ${Math.round(composed.message.length / 1024)} KB; PNG render ms per chart: ${JSON.stringify(composed.renderMs)}`);
  return composed.message;
}

const parsed = await simpleParser(await message(), {keepCidLinks: true});
if (typeof parsed.html !== "string") throw new Error("the message has no HTML part");
const folder = await mkdtemp(path.join(tmpdir(), "email-snapshot-"));
let html = parsed.html;
for (const [i, attachment] of parsed.attachments.entries()) {
  if (attachment.cid === undefined) continue;
  const file = `image-${i}.png`;
  await writeFile(path.join(folder, file), attachment.content);
  html = html.split(`cid:${attachment.cid}`).join(file);
}
await writeFile(path.join(folder, "index.html"), html);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  for (const [scheme, out] of [
    ["light", values.out],
    ["dark", values.dark],
  ] as const) {
    if (out === undefined) continue;
    const page = await browser.newPage({viewport: {width: Number(values.width), height: 900}, colorScheme: scheme});
    await page.goto(`file://${path.join(folder, "index.html")}`);
    await page.screenshot({path: out, fullPage: true});
    await page.close();
    console.log(`wrote ${out} (${scheme})`);
  }
} finally {
  await browser.close();
  await rm(folder, {recursive: true, force: true});
}
