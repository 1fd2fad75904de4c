import {test} from "uvu";
import * as assert from "uvu/assert";
import {writeFile} from "node:fs/promises";
import path from "node:path";
import {EnvironmentError, fromHere, InputError, systemError, withPath} from "../src/errors.js";

/** A real failed write: /dev/full answers every write with ENOSPC, and the error names no file. */
const fullDiskError = (): Promise<unknown> =>
  writeFile("/dev/full", "x").then(
    () => assert.unreachable("/dev/full took a write"),
    (error: unknown) => error,
  );

test("systemError: a full disk while writing a staged file reads as the report's file, in one line", async () => {
  const error = await fullDiskError();
  assert.is((error as NodeJS.ErrnoException).code, "ENOSPC");
  const staging = "/srv/site.staging-1234";
  const staged = withPath(error, `${staging}/month/2025-03/activity.csv`);
  const shown = (file: string) => file.replace(staging, "site");
  const mapped = systemError(staged, shown);
  assert.instance(mapped, EnvironmentError);
  assert.is(mapped!.message, "disk full while writing site/month/2025-03/activity.csv");
  assert.is(mapped!.exitCode, 1);
  assert.is(mapped!.cause, error);
});

test("systemError: a write that names no file falls back to the report's folder", async () => {
  assert.is(systemError(await fullDiskError(), fromHere, "site")!.message, "disk full while writing site");
  assert.is(systemError(await fullDiskError())!.message, "disk full");
});

test("systemError reads an error that crossed from a worker thread by its message alone", () => {
  assert.is(
    systemError(new Error("EROFS: read-only file system, open '/srv/site.staging-9/index.html'"))!.message,
    "read-only file system while writing /srv/site.staging-9/index.html",
  );
  assert.is(systemError(new Error("EACCES: permission denied, mkdir '/srv/site.lock'"))!.message, "permission denied while making /srv/site.lock");
  assert.is(systemError(new Error("ENOSPC: no space left on device, write"))!.message, "disk full");
});

test("systemError leaves other errors alone, and fromHere shortens only paths inside the current folder", () => {
  assert.is(systemError(new Error("boom")), undefined);
  assert.is(systemError(new InputError("log.csv:3: bad")), undefined);
  assert.is(systemError(Object.assign(new Error("ENOENT: no such file"), {code: "ENOENT"})), undefined);
  assert.is(systemError("ENOSPC"), undefined);
  assert.is(fromHere(path.resolve("site/index.html")), path.join("site", "index.html"));
  assert.is(fromHere("/elsewhere/site"), "/elsewhere/site");
});

test.run();
