/**
 * Worker-thread side of source-stream.ts: writes the whole log's downloads into `workerData.dir`
 * (and a spare copy, given `workerData.spare`) from the rows the build posts while it reads the log,
 * and posts back where each row lies.
 */
import {readlinkSync} from "node:fs";
import {setPriority} from "node:os";
import {parentPort, workerData} from "node:worker_threads";
import {trace} from "../trace.js";
import {SourceWriter, type WholeLogFiles} from "./whole-log.js";
import {SliceFormatter, type StreamMessage, type StreamReply} from "./source-stream.js";

const {dir, spare} = workerData as {dir: string; spare?: WholeLogFiles};

// yield to the thread reading the log: this one is to use the core the ingest leaves idle, not to
// slow the ingest down (Linux: a thread's id is its /proc/thread-self)
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 10);
} catch {
  // elsewhere, or not allowed: the same work at the same priority
}
let writer: SourceWriter | undefined;
let formatter: SliceFormatter | undefined;
let failed = false;
// messages are handled one after another: each waits for the one before
let queue: Promise<void> = Promise.resolve();

function reply(message: StreamReply): void {
  const offsets = "source" in message ? [message.source.csvStart, message.source.jsonStart, message.source.jsonEnd] : [];
  parentPort!.postMessage(
    message,
    offsets.map((array) => array.buffer as ArrayBuffer),
  );
}

async function handle(message: StreamMessage): Promise<void> {
  if ("columns" in message) {
    trace("source: formatting the rows as they are read");
    writer = await SourceWriter.open(dir, message.columns, 1 << 16, spare);
    formatter = new SliceFormatter(writer, message.columns);
  } else if ("rows" in message) {
    await formatter!.add(message.rows, message.slices);
  } else {
    const source = await writer!.finish();
    trace("source: done");
    reply({source});
  }
}

parentPort!.on("message", (message: StreamMessage) => {
  queue = queue.then(async () => {
    if (failed) return;
    try {
      await handle(message);
    } catch (error) {
      failed = true;
      await writer?.close().catch(() => {});
      reply({error: (error as Error).message});
    }
  });
});
