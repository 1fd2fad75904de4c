/**
 * What a test file gets when it imports "uvu" under scripts/run-tests.ts: uvu's own `suite`, `test` and `exec`,
 * with `test` (and each suite) wrapped to count the tests a file registers and to keep the names of the ones
 * registered since the suite's last `.run()`. uvu never runs those (its shared default `test` would even run
 * them under the next file's name), so the runner fails on them, and on a file that registers no test.
 * It changes nothing else: hooks, `only`, `skip` and the assertions are uvu's.
 */
import * as uvu from "uvu";

/** A suite's tests that no `.run()` followed, e.g. {suite: "", names: ["LogRows.inTimeOrder: ..."], ran: true}. */
export type UnrunTests = {suite: string; names: string[]; ran: boolean};

type Tracked = {suite: string; pending: string[]; ran: boolean};
const tracked: Tracked[] = [];
let registered = 0;

function guard<T>(test: uvu.Test<T>, name: string): uvu.Test<T> {
  const state: Tracked = {suite: name, pending: [], ran: false};
  tracked.push(state);
  const register = (add: (name: string, handler: uvu.Callback<T>) => void) => (testName: string, handler: uvu.Callback<T>) => {
    registered++;
    state.pending.push(testName);
    add(testName, handler);
  };
  const only = register(test.only);
  const skip = (testName?: string, handler?: uvu.Callback<T>) => {
    registered++;
    test.skip(testName, handler);
  };
  const run = () => {
    state.pending = [];
    state.ran = true;
    test.run();
  };
  return new Proxy(test, {
    apply: (_target, _this, [testName, handler]: [string, uvu.Callback<T>]) => register(test)(testName, handler),
    get: (target, key) => (key === "only" ? only : key === "skip" ? skip : key === "run" ? run : Reflect.get(target, key)),
  });
}

export const test = guard(uvu.test, "");
/** uvu's `suite`, tracked like `test`. */
export const suite = <T = Record<string, unknown>>(title = "", context?: T) => guard(uvu.suite<T>(title, context), title);
export const exec = uvu.exec;

/**
 * What the files imported since the last call registered: how many tests, and the ones no `.run()` followed.
 * Clears both, and which suites ran, so that the shared default `test` reports a file's leftovers once.
 */
export function takeRegistrations(): {registered: number; unrun: UnrunTests[]} {
  const unrun = tracked.filter((state) => state.pending.length > 0).map(({suite, pending, ran}) => ({suite, names: pending, ran}));
  for (const state of tracked) Object.assign(state, {pending: [], ran: false});
  const count = registered;
  registered = 0;
  return {registered: count, unrun};
}
