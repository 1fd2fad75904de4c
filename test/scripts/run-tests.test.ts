/**
 * scripts/run-tests.ts fails on tests that uvu would silently never run: run as a child process in a temp
 * folder whose test/ holds small suites (a test registered after test.run(), a file with no test, a suite
 * that never calls run), with node_modules linked to the project's. Each case runs both ways: in one
 * process (TEST_JOBS=1) and split over two child processes (TEST_JOBS=2, scripts/test-shards.ts), which
 * must print the same guard lines and one total. A run leaves nothing in the temp folder it was given,
 * though its suites leave their own temp folders behind.
 */
import {test as suiteTest} from "uvu";
import * as assert from "uvu/assert";
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";

const root = mkdtempSync(path.join(tmpdir(), "ar-run-tests-"));
symlinkSync(path.resolve("node_modules"), path.join(root, "node_modules"));
writeFileSync(path.join(root, "package.json"), JSON.stringify({type: "module"}));
mkdirSync(path.join(root, "test", "nested"), {recursive: true});
const suites: Record<string, string> = {
  "good.test.ts": `import {test} from "uvu";\ntest("one", () => {});\ntest("two", () => {});\ntest.run();\n`,
  "late.test.ts": `import {test} from "uvu";\ntest("early", () => {});\ntest.run();\ntest("late one", () => {});\ntest("late two", () => {});\n`,
  "nested/empty.test.ts": `import {test} from "uvu";\nexport const nothing = test;\n`,
  "named.test.ts": `import {suite} from "uvu";\nconst s = suite("parse");\ns("kept", () => {});\ns.run();\ns("forgotten", () => {});\n`,
  "no-run.test.ts": `import {test} from "uvu";\ntest("registered only", () => {});\n`,
  "after-good.test.ts": `import {test} from "uvu";\ntest("own", () => {});\ntest.run();\n`,
  "fails.test.ts": `import {test} from "uvu";\ntest("breaks", () => {\n  throw new Error("boom");\n});\ntest.run();\n`,
  // two files that leave a temp folder each, and say where
  ...Object.fromEntries(
    ["litter-a.test.ts", "litter-b.test.ts"].map((file) => [
      file,
      `import {test} from "uvu";\nimport {mkdtempSync, writeFileSync} from "node:fs";\nimport {tmpdir} from "node:os";\nimport path from "node:path";\n` +
        `test("leaves a folder", () => {\n  const dir = mkdtempSync(path.join(tmpdir(), "left-"));\n  writeFileSync(path.join(dir, "f"), "x");\n  console.log("LEFT " + dir);\n});\ntest.run();\n`,
    ]),
  ),
};
for (const [file, text] of Object.entries(suites)) writeFileSync(path.join(root, "test", file), text);

let jobs = "1";
const runTests = (pattern: string, env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("scripts/run-tests.ts"), pattern], {
    cwd: root,
    encoding: "utf8",
    env: {...process.env, TZ: "UTC", TEST_JOBS: jobs, ...env},
  });
  return {status: result.status, stdout: result.stdout, stderr: result.stderr};
};

suiteTest.after(() => rmSync(root, {recursive: true, force: true}));

for (const [mode, count] of [
  ["one process", "1"],
  ["two shards", "2"],
] as const) {
  const test = (name: string, run: () => void) =>
    suiteTest(name, () => {
      jobs = count;
      run();
    });
  test(`${mode}: suites whose every test runs: exit 0 and the plain summary line`, () => {
    const {status, stdout, stderr} = runTests("good");
    assert.is(stderr, "");
    assert.match(stdout, /^3 passed, 0 failed$/m);
    assert.is(status, 0);
  });

  test(`${mode}: a test registered after test.run(): exit 1, one line naming the file and the tests`, () => {
    const {status, stdout, stderr} = runTests("late");
    assert.match(stdout, /^1 passed, 0 failed$/m, "the early test ran");
    assert.is(stderr.trim(), 'test/late.test.ts: 2 tests registered after test.run() never ran: "late one", "late two"');
    assert.is(status, 1);
  });

  test(`${mode}: a file that registers no test: exit 1 even though the other files pass`, () => {
    const {status, stderr} = runTests("empty|after-good");
    assert.is(stderr.trim(), "test/nested/empty.test.ts: registers no test");
    assert.is(status, 1);
  });

  test(`${mode}: a named suite's late test, and a file that never calls run: both reported, each once`, () => {
    const {status, stderr} = runTests("named|no-run|after-good");
    assert.equal(stderr.trim().split("\n"), [
      `test/named.test.ts: 1 test of suite "parse" registered after the suite's .run() never ran: "forgotten"`,
      'test/no-run.test.ts: 1 test never ran (no .run() call): "registered only"',
    ]);
    assert.is(status, 1);
  });

  test(`${mode}: a failing test fails the run, and the total counts it with the others`, () => {
    const {status, stdout} = runTests("fails|good");
    assert.match(stdout, /^3 passed, 1 failed$/m);
    assert.match(stdout, /FAIL .*breaks/);
    assert.is(status, 1);
  });

  test(`${mode}: what the suites leave in the temp folder is removed when the run ends`, () => {
    const given = mkdtempSync(path.join(root, "tmp-"));
    const {status, stdout} = runTests("litter", {TMPDIR: given});
    assert.is(status, 0);
    const left = [...stdout.matchAll(/^LEFT (.+)$/gm)].map((match) => match[1]);
    assert.is(left.length, 2, "both suites made their folder");
    for (const dir of left) {
      assert.ok(dir.startsWith(given + path.sep), `${dir} is inside the temp folder the run was given`);
      assert.not.ok(existsSync(dir), `${dir} is removed`);
    }
    // tsx's compile cache, made by the run's own tsx, is meant to stay
    assert.equal(
      readdirSync(given).filter((name) => !name.startsWith("tsx-")),
      [],
      "nothing is left in the temp folder",
    );
  });
}

suiteTest("KEEP_TEST_TMP=1 keeps the run's temp folder and says where it is", () => {
  jobs = "1";
  const given = mkdtempSync(path.join(root, "tmp-"));
  const {status, stdout, stderr} = runTests("litter-a", {TMPDIR: given, KEEP_TEST_TMP: "1"});
  assert.is(status, 0);
  const kept = /kept in (.+)$/m.exec(stderr)?.[1];
  assert.ok(kept !== undefined && kept.startsWith(given + path.sep), stderr);
  assert.ok(existsSync(/^LEFT (.+)$/m.exec(stdout)![1]), "the suite's folder is still there");
});

suiteTest("two shards: each suite runs once, in one of two processes", () => {
  jobs = "2";
  const {stdout} = runTests("good");
  for (const file of ["good.test.ts", "after-good.test.ts"]) {
    assert.is(stdout.split("\n").filter((line) => line.trim() === file).length, 1, file);
  }
  assert.is(stdout.match(/^\s*Total:/gm)?.length, 2, "two uvu runs");
});

suiteTest.run();
