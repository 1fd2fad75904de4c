import {test} from "uvu";
import * as assert from "uvu/assert";
import {codeWidth, dataScript, packCodes, unpackCodes} from "../../src/explore/data-format.js";

test("packCodes/unpackCodes: codes of every width and length come back", () => {
  for (const width of [1, 2, 4] as const) {
    const max = width === 1 ? 255 : width === 2 ? 65535 : 2 ** 31 - 1;
    for (let length = 0; length < 9; length++) {
      const codes = Array.from({length}, (_, i) => (i * 7919) % (max + 1));
      codes[length - 1] = max;
      const packed = packCodes(codes.slice(0, length), width);
      assert.is(
        packed,
        Buffer.from(new Uint8Array(length * width).map((_, b) => (codes[Math.floor(b / width)] >>> (8 * (b % width))) & 0xff)).toString("base64"),
      );
      assert.equal(Array.from(unpackCodes(packed, width, length)), codes.slice(0, length));
    }
  }
});

test("codeWidth: the fewest bytes that hold every code", () => {
  assert.equal([codeWidth(1), codeWidth(256), codeWidth(257), codeWidth(65536), codeWidth(65537)], [1, 1, 2, 2, 4]);
});

test("dataScript: a classic script pushing the value, which reads back whole (U+2028, </script> included)", () => {
  const meta = {
    kind: "meta",
    format: 1,
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
