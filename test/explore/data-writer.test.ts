/**
 * DataWriter writes a data file piece by piece through one small buffer: the bytes are dataScript's
 * for every kind of file, with empty arrays, text of several UTF-8 widths, pieces larger than the
 * buffer and a buffer reused from one file to the next.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {DataWriter} from "../../src/explore/data-writer.js";
import {dataScript, packCodes, type ExploreFile} from "../../src/explore/data-format.js";

const TEXTS = ["", "</script>\u2028<!--", "é€😀", '"quoted" \\ back', "x".repeat(5000)];

const FILES: ExploreFile[] = [
  {
    kind: "meta",
    format: 1,
    title: "Métropole </script>",
    timeZone: "Europe/Paris",
    asOf: "2026-03-31",
    top: 5,
    actions: ["edit_dataset"],
    subdomains: [],
    periods: [],
    months: [],
  },
  {
    kind: "month",
    format: 1,
    month: "2026-03",
    rows: 3,
    days: [
      [20513, 2],
      [20514, 1],
    ],
    columns: Object.fromEntries(
      ["action", "user_id", "dataset_id", "page_id", "subdomain_id"].map((name) => [
        name,
        {values: ["", ...TEXTS.slice(1, 3)], width: 1, codes: packCodes([0, 1, 2], 1)},
      ]),
    ) as never,
  },
  {kind: "rows", format: 1, month: "2026-03", time: [1772323200000, 1500, 0.5], target: {values: TEXTS, width: 1, codes: packCodes([4, 3, 2], 1)}, diff: TEXTS},
  {kind: "rows", format: 1, month: "2026-04", time: [], target: {values: [""], width: 1, codes: ""}, diff: []},
];

test("DataWriter: the bytes of dataScript, whatever the buffer's size", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-data-writer-"));
  try {
    for (const size of [16, 64, 1 << 20]) {
      const writer = new DataWriter(size);
      for (const [i, value] of FILES.entries()) {
        const file = path.join(dir, `${size}-${i}.js`);
        await writer.write(file, value);
        assert.is(await readFile(file, "utf8"), dataScript(value), `${value.kind} through ${size} bytes`);
      }
    }
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
});

test.run();
