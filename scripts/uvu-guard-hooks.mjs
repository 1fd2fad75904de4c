/**
 * Module resolution hook for scripts/run-tests.ts: an `import ... from "uvu"` anywhere but in the guard itself
 * resolves to scripts/uvu-guard.ts, which wraps uvu to see tests that would never run. Registered with
 * `module.register(url, {data: {guard}})`; every other specifier goes on to the next resolver (tsx's, Node's).
 */
let guard = "";

/** Receives the guard module's file URL. */
export function initialize(data) {
  guard = data.guard;
}

/** "uvu" -> the guard, except for the guard's own import of the real uvu. */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "uvu" && context.parentURL !== guard) return {url: guard, shortCircuit: true};
  return nextResolve(specifier, context);
}
