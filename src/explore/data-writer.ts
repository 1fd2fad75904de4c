/**
 * Writes a month's packed data file (data-format.ts PackedFile): its sections go through a zlib
 * stream piece by piece (an array of strings value by value), never as one text, and only the
 * deflated bytes are held, then written as base64. At a million rows the sections are ~100 MB of
 * text before deflate: made whole, a month's diffs would be one string, then a Buffer, garbage that
 * raises the cold build's peak memory (and a month of huge diffs could pass V8's longest string).
 * The deflate runs on libuv's threads, beside the build. It does not decide which files to write.
 */
import {once} from "node:events";
import {writeFile} from "node:fs/promises";
import {finished} from "node:stream/promises";
import {createDeflate} from "node:zlib";
import {DATA_FORMAT, dataScript, type PackedFile, type Section} from "./data-format.js";

/** The pieces of a section's bytes, in order. */
function* sectionPieces(section: Section): Generator<Uint8Array | string> {
  if ("bytes" in section) yield section.bytes;
  else if ("json" in section) yield JSON.stringify(section.json);
  else {
    yield "[";
    for (let i = 0; i < section.strings.length; i++) yield (i === 0 ? "" : ",") + JSON.stringify(section.strings[i]);
    yield "]";
  }
}

/** Pieces are gathered into chunks of this size before they go to zlib (one write per piece is slow). */
const CHUNK = 1 << 16;

/** zlib's level: at 1M rows, 6 takes 0.7 CPU-s for 11.9 MB of files; 9 took 4.4 CPU-s for 11.7 MB. */
const LEVEL = 6;

/** Deflated bytes of `sections` one after the other, and each one's length before deflate. */
export async function deflateSections(sections: readonly Section[], level = LEVEL): Promise<{deflated: Buffer; sections: number[]}> {
  const deflate = createDeflate({level});
  const out: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  const send = async (bytes: Uint8Array) => {
    if (!deflate.write(bytes)) await once(deflate, "drain");
  };
  let chunk = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  const flush = async () => {
    if (used === 0) return;
    const full = chunk.subarray(0, used);
    [chunk, used] = [Buffer.allocUnsafe(CHUNK), 0]; // zlib keeps the written one until it has read it
    await send(full);
  };
  const lengths: number[] = [];
  for (const section of sections) {
    let length = 0;
    for (const piece of sectionPieces(section)) {
      // a UTF-16 code unit is at most 3 bytes of UTF-8
      if (typeof piece === "string" && piece.length * 3 <= CHUNK) {
        if (used + piece.length * 3 > CHUNK) await flush();
        const written = chunk.write(piece, used);
        used += written;
        length += written;
        continue;
      }
      const bytes = typeof piece === "string" ? Buffer.from(piece) : piece;
      await flush();
      await send(bytes);
      length += bytes.length;
    }
    lengths.push(length);
  }
  await flush();
  deflate.end();
  await finished(deflate);
  return {deflated: Buffer.concat(out), sections: lengths};
}

/** Writes `file` (created or replaced): the script pushing the PackedFile of `sections`. */
export async function writePacked(file: string, of: PackedFile["of"], month: string, sections: readonly Section[]): Promise<void> {
  const {deflated, sections: lengths} = await deflateSections(sections);
  await writeFile(file, dataScript({kind: "packed", format: DATA_FORMAT, of, month, sections: lengths, data: deflated.toString("base64")}));
}
