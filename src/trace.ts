/**
 * ACTIVITY_REPORT_TRACE=1 prints what each thread is doing and when on stderr, for profiling a
 * build: "trace 577.994 ingest …", in seconds of the wall clock (modulo 1000, the same clock in
 * every thread). Off, it is a function that does nothing.
 */
import {isMainThread} from "node:worker_threads";

export const trace: (what: string) => void = process.env.ACTIVITY_REPORT_TRACE
  ? (what) =>
      process.stderr.write(`trace ${(((performance.timeOrigin + performance.now()) / 1000) % 1000).toFixed(3)} ${isMainThread ? "" : "worker: "}${what}\n`)
  : () => {};
