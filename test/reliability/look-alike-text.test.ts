/**
 * Values that look alike or hold control characters, end to end: "u001" and "u001 ", "café" composed
 * (NFC) and decomposed (NFD) are told apart on the chart labels and in the page's data tables; a NUL
 * or an ESC from a JSON log never reaches an HTML file raw; the CSV download has U+FFFD for NUL, the
 * JSON download the value exactly.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readFile, readdir, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {build} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";

const IDS = ["u001", "u001 ", "caf\u00e9", "cafe\u0301", "nul\u0000x", "esc\u001b[31mred"];

let out = "";

test.before(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-look-alike-"));
  const rows = IDS.flatMap((id, i) =>
    [1, 2, 3].map((day) => ({
      timestamp: `2025-03-0${day}T10:0${i}:00Z`,
      domain_id: "dom\u0000ain",
      action: "edit",
      user_id: id,
      dataset_id: id,
      page_id: id,
      diff: id,
    })),
  );
  await writeFile(path.join(dir, "log.ndjson"), rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
  out = path.join(dir, "site");
  const config = buildConfig({input: [path.join(dir, "log.ndjson")], out, "as-of": "2025-03-31", periods: "month", top: "10", "no-cache": true, workers: "1"});
  await build(config, {now: () => new Date("2025-04-01T06:00:00Z"), log: () => {}, progress: () => {}});
});

test("ids that differ only by a trailing space or by composition differ on the charts and in the data tables", async () => {
  const page = await readFile(path.join(out, "month/2025-03/index.html"), "utf8");
  for (const shown of ["u001", "u001\u2420", "caf\u00e9", "cafe[U+0301]"]) {
    // in the top users, datasets and pages tables, and in the actions-by-user table: their row headers
    assert.is(page.split(`<th scope="row">${shown}</th>`).length - 1, 4, shown);
    // on a chart: an SVG text or an ARIA label holding exactly the label
    assert.match(page, new RegExp(`(>|"|: )${shown.replace(/[[\]+]/g, "\\$&")}(<|"|,|;| \\()`), shown);
  }
  assert.not.ok(page.includes('<th scope="row">u001 </th>') || page.includes('<th scope="row">cafe\u0301</th>'), "the raw look-alikes are not shown");
});

test("no HTML file holds a raw control character; the CSV has U+FFFD for NUL; the JSON keeps it", async () => {
  const names = await readdir(out, {recursive: true});
  const html = names.filter((name) => name.endsWith(".html"));
  assert.ok(html.length >= 2);
  for (const name of html) {
    const text = await readFile(path.join(out, name), "utf8");
    assert.not.match(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/, name);
  }
  const page = await readFile(path.join(out, "month/2025-03/index.html"), "utf8");
  assert.ok(page.includes('<th scope="row">nul[U+0000]x</th>') && page.includes('<th scope="row">esc[U+001B][31mred</th>'));
  assert.ok(page.includes("<title>March 2025 · dom[U+0000]ain</title>"));
  const csv = await readFile(path.join(out, "month/2025-03/activity.csv"), "utf8");
  assert.not.ok(csv.includes("\u0000"));
  assert.ok(csv.includes('"nul\uFFFDx"'));
  const json = await readFile(path.join(out, "month/2025-03/activity.json"), "utf8");
  assert.ok(json.includes('"nul\\u0000x"'));
  assert.ok((JSON.parse(json) as {user_id: string}[]).some((row) => row.user_id === "nul\u0000x"));
});

test.run();
