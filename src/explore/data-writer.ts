/**
 * Writes the explorer's data files (data-format.ts dataScript) without making any file's text whole:
 * the arrays of a file's value (a month's diffs, time deltas, day runs) go element by element
 * through one reused buffer. At a million rows the month files are ~100 MB of text: made whole,
 * each was a string, then a Buffer, garbage that raised the cold build's peak memory. The bytes
 * are dataScript's. It formats nothing else and does not decide which files to write.
 */
import {open} from "node:fs/promises";
import {DATA_GLOBAL, type ExploreFile} from "./data-format.js";

/** The pieces of dataScript(value), in order: each top-level array element by element. */
function* scriptParts(value: ExploreFile): Generator<string> {
  yield `(self.${DATA_GLOBAL}=self.${DATA_GLOBAL}||[]).push({`;
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue; // as JSON.stringify leaves it out
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(item)) {
      yield JSON.stringify(item);
      continue;
    }
    yield "[";
    for (let i = 0; i < item.length; i++) yield (i === 0 ? "" : ",") + (JSON.stringify(item[i]) ?? "null");
    yield "]";
  }
  yield "});\n";
}

/** One buffer for every file a writer writes, in turn. */
export class DataWriter {
  private readonly buffer: Buffer;

  /** `bytes`: the buffer's size; a piece larger than it is written on its own */
  constructor(bytes = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(bytes);
  }

  /** Writes dataScript(value) to `file` (created or emptied). */
  async write(file: string, value: ExploreFile): Promise<void> {
    const handle = await open(file, "w");
    try {
      let used = 0;
      for (const part of scriptParts(value)) {
        // a UTF-16 code unit is at most 3 bytes of UTF-8
        if (used + part.length * 3 > this.buffer.length) {
          await handle.write(this.buffer, 0, used);
          used = 0;
          if (part.length * 3 > this.buffer.length) {
            await handle.write(Buffer.from(part));
            continue;
          }
        }
        used += this.buffer.write(part, used);
      }
      await handle.write(this.buffer, 0, used);
    } finally {
      await handle.close();
    }
  }
}
