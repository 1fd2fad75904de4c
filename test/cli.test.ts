/**
 * The command line's help: `build --help` and `email --help` explain every flag (each one the README
 * documents is there), and `--help` lists both commands. Runs `main` in process, capturing stdout.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {readFileSync} from "node:fs";
import {main} from "../src/cli.js";

/** main's exit code and what it wrote to stdout. */
async function run(args: string[]): Promise<{code: number; out: string}> {
  const write = process.stdout.write;
  let out = "";
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  try {
    return {code: await main(args), out};
  } finally {
    process.stdout.write = write;
  }
}

/** The build flags of the README's options table, e.g. "--input", "--no-cache". */
const readmeBuildFlags = (): string[] => {
  const readme = readFileSync("README.md", "utf8");
  return [...readme.matchAll(/^\| `(--[a-z-]+)[^|]*\|/gm)].flatMap((match) => [...match[0].matchAll(/`(--[a-z-]+)/g)].map((flag) => flag[1]));
};

test("build --help explains every flag the README's table documents, one line each", async () => {
  const {code, out} = await run(["build", "--help"]);
  assert.is(code, 0);
  assert.ok(out.startsWith("activity-report build: reads the activity log"), out);
  const flags = readmeBuildFlags();
  assert.ok(flags.length >= 16, `${flags.length} flags read from the README`);
  for (const flag of flags) assert.match(out, new RegExp(`^  (-\\w, )?${flag}\\b.* {2,}\\S`, "m"), `${flag} with its explanation`);
  assert.match(out, /--max-rejected <percent> +fail when more rows than this are rejected \(default 5\)/);
  assert.not.match(out, /activity-report email/, "only the build's help");
});

test("email --help explains its flags, the sender's default and where the SMTP server comes from", async () => {
  const {code, out} = await run(["email", "-h"]);
  assert.is(code, 0);
  for (const flag of ["--report", "--period", "--as-of", "--eml", "--to", "--from", "--subject", "--base-url", "--attach-csv", "--config"]) {
    assert.match(out, new RegExp(`^  ${flag}\\b.* {2,}\\S`, "m"), flag);
  }
  assert.match(out, /--from <address> +the sender \(default activity-report <activity-report@localhost>/);
  assert.match(out, /SMTP_URL environment variable/);
});

test("--help lists both commands and how to get each one's help", async () => {
  const {code, out} = await run(["--help"]);
  assert.is(code, 0);
  assert.match(out, /activity-report build --input/);
  assert.match(out, /activity-report email --report/);
  assert.match(out, /build --help \| email --help/);
});

test.run();
