/**
 * What a build was made from: the tool's version, the options that shape the output, and every input
 * file's path, size and content hash. A nightly job that finds the same fingerprint as the published
 * report's has nothing to do, and says so in well under a second per million rows (hashing the
 * inputs is the whole cost). Any change to an input's bytes, or to an option, changes it: nothing is
 * trusted that the inputs no longer back.
 */
import {createHash} from "node:crypto";
import {createReadStream} from "node:fs";
import {readFile} from "node:fs/promises";
import path from "node:path";
import type {BuildConfig} from "./config.js";
import {findInputs} from "./ingest/find-inputs.js";

/** The file, inside a published report, that holds its fingerprint. */
export const FINGERPRINT_FILE = ".fingerprint";

const VERSION: string = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")).version;

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, {highWaterMark: 8 << 20})) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A hex digest of everything that determines a build's output (the build time aside). */
export async function buildFingerprint(config: BuildConfig): Promise<string> {
  const files = await findInputs(config.inputs, config.format);
  const inputs = await Promise.all(files.map(async (f) => ({path: path.resolve(f.path), format: f.format, size: f.size, sha256: await hashFile(f.path)})));
  const {timeZone, asOf, periods, top, title, maxRejectedPercent} = config;
  const shaping = {version: VERSION, timeZone, asOf, periods, top, title, maxRejectedPercent, inputs};
  return createHash("sha256").update(JSON.stringify(shaping)).digest("hex");
}

/** The fingerprint of the report published in `out`, if any. */
export async function publishedFingerprint(out: string): Promise<string | undefined> {
  return readFile(path.join(out, FINGERPRINT_FILE), "utf8").then((text) => text.trim(), () => undefined);
}
