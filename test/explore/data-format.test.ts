import {test} from "uvu";
import * as assert from "uvu/assert";
import {
  codeWidth,
  dataScript,
  monthSections,
  packCodes,
  packVarints,
  rowsSections,
  unpackCodes,
  unpackFile,
  unpackVarints,
  type MonthData,
  type MonthRows,
  type PackedFile,
  type Section,
} from "../../src/explore/data-format.js";

test("packCodes/unpackCodes: codes of every width and length come back, little-endian", () => {
  for (const width of [1, 2, 4] as const) {
    const max = width === 1 ? 255 : width === 2 ? 65535 : 2 ** 31 - 1;
    for (let length = 0; length < 9; length++) {
      const codes = Array.from({length}, (_, i) => (i * 7919) % (max + 1));
      codes[length - 1] = max;
      const packed = packCodes(codes.slice(0, length), width);
      assert.equal(
        Array.from(packed),
        Array.from({length: length * width}, (_, b) => (codes[Math.floor(b / width)] >>> (8 * (b % width))) & 0xff),
      );
      assert.equal(Array.from(unpackCodes(packed, width, length)), codes.slice(0, length));
    }
  }
  assert.equal(Array.from(packCodes([1, 300], 2)), [1, 0, 44, 1]);
});

test("packVarints/unpackVarints: 0, one-byte, multi-byte and 2^53 - 1 come back; a negative or fractional number is refused", () => {
  const numbers = [0, 1, 127, 128, 300, 16383, 16384, 86_400_000, 1_772_323_200_000, Number.MAX_SAFE_INTEGER];
  const packed = packVarints(numbers);
  assert.equal(Array.from(packVarints([0, 127, 128, 300])), [0, 127, 0x80, 1, 0xac, 2]);
  assert.equal(Array.from(unpackVarints(packed, numbers.length)), numbers);
  assert.throws(() => packVarints([-1]), /not a non-negative integer/);
  assert.throws(() => packVarints([0.5]), /not a non-negative integer/);
});

test("codeWidth: the fewest bytes that hold every code", () => {
  assert.equal([codeWidth(1), codeWidth(256), codeWidth(257), codeWidth(65536), codeWidth(65537)], [1, 1, 2, 2, 4]);
});

/** The sections' bytes as the writer lays them out (JSON text, strings as a JSON array), and the PackedFile's lengths. */
function layOut(sections: Section[], of: PackedFile["of"], month: string): [PackedFile, Uint8Array] {
  const parts = sections.map((section) =>
    "bytes" in section ? section.bytes : new TextEncoder().encode(JSON.stringify("json" in section ? section.json : section.strings)),
  );
  const payload = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((at, part) => (payload.set(part, at), at + part.length), 0);
  return [{kind: "packed", format: 2, of, month, data: "", sections: parts.map((part) => part.length)}, payload];
}

const coded = (values: string[], codes: number[]) => ({values, codes: Int32Array.from(codes)});

test("monthSections/rowsSections, then unpackFile: a month and its rows come back (300 values: two-byte codes)", () => {
  const many = ["", ...Array.from({length: 299}, (_, i) => `user ${i} </script>\u2028`)];
  const month: MonthData = {
    kind: "month",
    month: "2026-03",
    rows: 3,
    days: [
      [20513, 2],
      [20514, 1],
    ],
    columns: {
      action: coded(["", "edit_dataset"], [1, 1, 0]),
      user_id: coded(many, [299, 0, 150]),
      dataset_id: coded(["", "roads"], [1, 0, 0]),
      page_id: coded(["", "home"], [0, 1, 0]),
      subdomain_id: coded([""], [0, 0, 0]),
    },
  };
  const [file, payload] = layOut(monthSections(month), "month", "2026-03");
  assert.equal(unpackFile(file, payload), month);
  const rows: MonthRows = {
    kind: "rows",
    month: "2026-03",
    rows: 3,
    time: Float64Array.from([1772323200000, 1772323201500, 1772323201500]),
    otherTarget: coded(["", "Vélos 😀"], [0, 0, 1]),
    diff: coded(["", '{"a":"é"}', "x".repeat(5000)], [1, 2, 0]),
  };
  const [rowsFile, rowsPayload] = layOut(rowsSections(rows), "rows", "2026-03");
  assert.equal(unpackFile(rowsFile, rowsPayload), rows);
  const empty: MonthRows = {kind: "rows", month: "2026-04", rows: 0, time: new Float64Array(0), otherTarget: coded([""], []), diff: coded([""], [])};
  assert.equal(unpackFile(...layOut(rowsSections(empty), "rows", "2026-04")), empty);
});

test("dataScript: a classic script pushing the value, which reads back whole (U+2028, </script> included)", () => {
  const meta = {
    kind: "meta",
    format: 2,
    title: "</script>\u2028<!--",
    timeZone: "UTC",
    asOf: "2026-01-01",
    top: 5,
    actions: [],
    subdomains: [],
    periods: [],
    months: [],
  } as const;
  const text = dataScript({...meta, actions: [], subdomains: [], periods: [], months: []});
  const self: {activityReportData?: unknown[]} = {};
  new Function("self", text)(self);
  assert.equal(self.activityReportData, [meta]);
});

test.run();
