/** Seeded randomness and CSV writing used by both generators. */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {csvField, csvLine} from "../../../scripts/log-generator/csv-line.js";
import {createRandom, cumulative, sampleIndex, zipfWeights} from "../../../scripts/log-generator/random.js";

test("createRandom: same seed, same sequence; values in range", () => {
  const a = createRandom(42);
  const b = createRandom(42);
  const c = createRandom(43);
  const first = Array.from({length: 5}, () => a.next());
  assert.equal(
    Array.from({length: 5}, () => b.next()),
    first,
  );
  assert.not.equal(
    Array.from({length: 5}, () => c.next()),
    first,
  );
  const ints = Array.from({length: 1000}, () => a.int(3));
  assert.equal([...new Set(ints)].sort(), [0, 1, 2]);
});

test("cumulative and sampleIndex", () => {
  const table = cumulative([1, 3]);
  assert.equal([...table], [0.25, 1]);
  const three = cumulative([5, 3, 2]); // 0.5, 0.8, 1
  assert.equal(
    [0, 0.49, 0.5, 0.79, 0.8, 0.999].map((u) => sampleIndex(three, u)),
    [0, 0, 1, 1, 2, 2],
  );
  assert.equal(zipfWeights(3, 1), [1, 1 / 2, 1 / 3]);
});

test("csvField quotes only what needs it", () => {
  assert.is(csvField("plain", ";"), "plain");
  assert.is(csvField("a,b", ";"), "a,b");
  assert.is(csvField("a;b", ";"), '"a;b"');
  assert.is(csvField('{"a":1}', ","), '"{""a"":1}"');
  assert.is(csvField("two\nlines", ","), '"two\nlines"');
  assert.is(csvLine(["x", "", 'say "hi"'], ","), 'x,,"say ""hi"""\n');
});

test.run();
