/**
 * How this project starts a worker thread: from the compiled .build/ (scripts/compile.mjs) a worker
 * imports its module as it is; from the TypeScript sources (tests, tsx) it registers tsx first.
 */
import {Worker} from "node:worker_threads";

/**
 * Starts a worker thread running `module` ("./render-worker": no extension), resolved against the
 * caller's `import.meta.url`, with `workerData`.
 */
export function startWorker(callerUrl: string, module: string, workerData: unknown): Worker {
  const compiled = callerUrl.endsWith(".js");
  const moduleUrl = JSON.stringify(new URL(`${module}${compiled ? ".js" : ".ts"}`, callerUrl).href);
  const script = compiled ? `await import(${moduleUrl});` : `import {register} from "tsx/esm/api"; register(); await import(${moduleUrl});`;
  return new Worker(script, {eval: true, workerData});
}
