/**
 * Worker-thread side of read-csv-part.ts: reads the part it is given and posts its rows back.
 */
import {parentPort, workerData} from "node:worker_threads";
import {readPart, type PartTask} from "./read-csv-part.js";
import {trace} from "../trace.js";

trace("ingest: reading the second half");
const rows = readPart(workerData as PartTask);
trace(`ingest: read ${rows.count} rows`);
const transfer = [
  rows.time,
  rows.hash,
  rows.hash2,
  rows.line,
  rows.offset,
  rows.unsure,
  ...rows.columns.flatMap((column) => ("codes" in column ? [column.codes] : [])),
];
parentPort!.postMessage(
  rows,
  transfer.map((array) => array.buffer as ArrayBuffer),
);
