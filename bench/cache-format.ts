/**
 * Compares the build cache's columns.bin (raw typed arrays) with Arrow IPC through Arquero for the
 * same columns: write time, size, and read time (three reads each).
 *   tsx bench/cache-format.ts /tmp/activity-report-bench/site-1m-incremental.cache
 * (the cache an `npm run bench -- --phases incremental` run leaves behind).
 */
import {readFile, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import * as aq from "arquero";
import {readCache} from "../src/cache/build-cache.js";

const dir = process.argv[2];
if (!dir) throw new Error("usage: tsx bench/cache-format.ts <cache dir>");
// the cache's own version: this measures formats, whichever version wrote it
const code = (JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")) as {code: string}).code;
const cache = await readCache(dir, code);
if (typeof cache === "string") throw new Error(`${dir}: ${cache}`);
const n = cache.time.length;
const data: Record<string, ArrayLike<number>> = {
  time: cache.time,
  ...cache.rows,
  hashIndex: cache.hashIndex,
  csvStart: cache.source.csvStart.subarray(0, n),
  jsonStart: cache.source.jsonStart,
  jsonEnd: cache.source.jsonEnd,
  ...Object.fromEntries(Object.entries(cache.coded).map(([name, column]) => [name, column.codes])),
};
const arrowFile = path.join(tmpdir(), "activity-report-cache.arrow");
let t0 = performance.now();
const ipc = aq.table(data as Record<string, number[]>).toArrowIPC();
await writeFile(arrowFile, ipc);
console.log(`rows ${n}: Arrow IPC write ${Math.round(performance.now() - t0)} ms, ${ipc.length} bytes`);
for (let k = 0; k < 3; k++) {
  t0 = performance.now();
  const table = aq.fromArrow(await readFile(arrowFile));
  for (const name of Object.keys(data))
    table.array(name, name === "time" || name.startsWith("json") || name.startsWith("csv") || name === "hashIndex" ? Float64Array : Int32Array);
  const arrow = performance.now() - t0;
  t0 = performance.now();
  await readCache(dir, code);
  console.log(`read every column: Arrow IPC ${Math.round(arrow)} ms, columns.bin ${Math.round(performance.now() - t0)} ms`);
}
