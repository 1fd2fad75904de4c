/**
 * bin/activity-report.js runs the compiled .build/ only while it is newer than every file in src/,
 * else the TypeScript sources through tsx: checked on a copy of the bin beside a fake .build and src.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFileSync} from "node:child_process";
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";

const root = mkdtempSync(path.join(tmpdir(), "ar-bin-"));
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), {recursive: true});
  writeFileSync(path.join(root, file), text);
};
mkdirSync(path.join(root, "bin"));
copyFileSync("bin/activity-report.js", path.join(root, "bin", "activity-report.js"));
symlinkSync(path.resolve("node_modules"), path.join(root, "node_modules"));
write("package.json", JSON.stringify({type: "module"}));
write("src/cli.ts", 'export async function main(args: string[]): Promise<number> { console.log("ran src " + args.join(" ")); return 0; }\n');
write("src/site/page.ts", "export const x: number = 1;\n");
write(".build/cli.js", 'export async function main(args) { console.log("ran .build " + args.join(" ")); return 0; }\n');
write(".build/.compiled", "1 file\n");

const run = () => execFileSync(process.execPath, [path.join(root, "bin", "activity-report.js"), "--version"], {encoding: "utf8"}).trim();
const setTime = (file: string, seconds: number) => utimesSync(path.join(root, file), seconds, seconds);

test("the compiled .build runs when it is newer than every source", () => {
  setTime("src/cli.ts", 1_000);
  setTime("src/site/page.ts", 1_000);
  setTime(".build/.compiled", 2_000);
  assert.is(run(), "ran .build --version");
});

test("a source newer than .build (even in a subfolder) runs the sources through tsx", () => {
  setTime("src/site/page.ts", 3_000);
  assert.is(run(), "ran src --version");
});

test("without a finished compile (no .build/.compiled), the sources run through tsx", () => {
  setTime("src/site/page.ts", 1_000);
  rmSync(path.join(root, ".build", ".compiled"));
  assert.is(run(), "ran src --version");
});

test("run as cron runs it (through its shebang), the CLI gets one V8 background thread and glibc's huge pages", () => {
  write(
    ".build/cli.js",
    "export async function main() { console.log(JSON.stringify({execArgv: process.execArgv, glibc: process.env.GLIBC_TUNABLES})); return 0; }\n",
  );
  write(".build/.compiled", "1 file\n");
  setTime("src/cli.ts", 1_000);
  setTime("src/site/page.ts", 1_000);
  setTime(".build/.compiled", 2_000);
  const bin = path.join(root, "bin", "activity-report.js");
  chmodSync(bin, 0o755);
  const {execArgv, glibc} = JSON.parse(execFileSync(bin, [], {encoding: "utf8", env: {...process.env, GLIBC_TUNABLES: undefined}}));
  assert.equal(execArgv, ["--v8-pool-size=1"]);
  assert.is(glibc, "glibc.malloc.hugetlb=1");
});

test.run();
