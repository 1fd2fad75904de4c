/**
 * scripts/run-checks.mjs (npm test's typecheck, lint and format:check) runs the npm scripts it is given
 * at the same time and fails when any of them fails: checked in a temp folder whose package.json has
 * small scripts (node -e ...). Two scripts that each wait for the other's file pass only when they run
 * together; every script's output is printed, whole, in the order given.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";

const root = mkdtempSync(path.join(tmpdir(), "ar-run-checks-"));
/** a script that writes `mine`, then waits (up to 60 s) for `theirs`: it ends only if the other one runs meanwhile */
const meet = (mine: string, theirs: string) =>
  `node -e "require('fs').writeFileSync('${mine}', ''); const end = Date.now() + 60000; ` +
  `(function wait() { if (require('fs').existsSync('${theirs}')) { console.log('${mine} met ${theirs}'); return; } ` +
  `if (Date.now() > end) { console.log('${mine} alone'); process.exit(2); } setTimeout(wait, 20); })()"`;
writeFileSync(
  path.join(root, "package.json"),
  JSON.stringify({
    name: "checks",
    private: true,
    scripts: {
      first: meet("a", "b"),
      second: meet("b", "a"),
      fails: `node -e "console.error('wrong type'); process.exit(3)"`,
      passes: `node -e "console.log('all fine')"`,
    },
  }),
);

const runChecks = (...names: string[]) =>
  spawnSync(process.execPath, [path.resolve("scripts/run-checks.mjs"), ...names], {
    cwd: root,
    encoding: "utf8",
    env: {...process.env, npm_config_loglevel: "warn"},
  });

test.after(() => rmSync(root, {recursive: true, force: true}));

test("the scripts run at the same time: two that wait for each other both pass; exit 0", () => {
  const {status, stdout, stderr} = runChecks("first", "second");
  assert.is(status, 0, stdout + stderr);
  assert.ok(stdout.indexOf("a met b") >= 0 && stdout.indexOf("a met b") < stdout.indexOf("b met a"), `each output whole, in the given order:\n${stdout}`);
});

test("one failing script: exit 1, its output and a line naming it; the others' output is printed too", () => {
  const {status, stdout, stderr} = runChecks("passes", "fails");
  assert.is(status, 1);
  assert.match(stdout, /all fine/);
  assert.match(stdout, /wrong type/, "a script's stderr is printed with its output");
  assert.match(stderr, /^npm run fails failed \(exit 3\)$/m);
  assert.not.match(stderr, /npm run passes failed/);
});

test.run();
