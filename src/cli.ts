/**
 * The `activity-report` command: parses flags, reads the config file, runs a command and turns a
 * ReportError into one line on stderr and an exit code (1 user error, 2 usage error). Progress goes to
 * stderr: a bar on a terminal, timestamped lines otherwise (cron logs); the summary goes to stdout.
 */
import {readFile} from "node:fs/promises";
import {parseArgs} from "node:util";
import cliProgress from "cli-progress";
import {ReportError, UsageError} from "./errors.js";
import {buildConfig, emailConfig, readConfigFile, type RawOptions} from "./config.js";
import type {BuildEffects, BuildSummary} from "./build.js";
import {buildFingerprint, inputsResized, inputState, upToDateSummary} from "./fingerprint.js";
import {trace} from "./trace.js";
import {applyV8Flags, v8FlagsFor} from "./v8-flags.js";

const VERSION: string = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")).version;

const USAGE = `activity-report ${VERSION}: reports on a data portal's backoffice activity log

Usage:
  activity-report build --input <file|dir>... [--out dist] [--tz UTC] [--as-of YYYY-MM-DD]
                        [--periods week,month,quarter,year,all,rolling] [--top 5]
                        [--format csv|json|ndjson] [--title TEXT] [--max-rejected 5]
                        [--config file.json] [--quiet] [--json] [--workers N] [--force]
                        [--cache DIR (default <out>.cache) | --no-cache]
  activity-report email --report <dir> --period <type>:<key>|latest:<type> [--as-of YYYY-MM-DD]
                        [--eml file.eml] [--to ADDRESS]... [--from ADDRESS] [--subject TEXT]
                        [--base-url URL] [--attach-csv] [--config file.json]
                        (SMTP server and credentials from the SMTP_URL environment variable)
  activity-report --help | --version

Exit codes: 0 done, 1 a problem with the input, options or mail server, 2 a malformed command line.`;

const BUILD_FLAGS = {
  input: {type: "string", multiple: true, short: "i"},
  out: {type: "string", short: "o"},
  tz: {type: "string"},
  "as-of": {type: "string"},
  periods: {type: "string", multiple: true},
  top: {type: "string"},
  format: {type: "string"},
  title: {type: "string"},
  "max-rejected": {type: "string"},
  config: {type: "string"},
  quiet: {type: "boolean", short: "q"},
  json: {type: "boolean"},
  workers: {type: "string"},
  force: {type: "boolean"},
  cache: {type: "string"},
  "no-cache": {type: "boolean"},
  help: {type: "boolean", short: "h"},
} as const;

const EMAIL_FLAGS = {
  report: {type: "string"},
  period: {type: "string"},
  "as-of": {type: "string"},
  eml: {type: "string"},
  to: {type: "string", multiple: true},
  from: {type: "string"},
  subject: {type: "string"},
  "base-url": {type: "string"},
  "attach-csv": {type: "boolean"},
  config: {type: "string"},
  help: {type: "boolean", short: "h"},
} as const;

/** Flags win over the config file. */
async function options(args: string[], flags: typeof BUILD_FLAGS | typeof EMAIL_FLAGS): Promise<RawOptions | undefined> {
  let values: RawOptions;
  try {
    values = parseArgs({args, options: flags, strict: true, allowPositionals: false}).values as RawOptions;
  } catch (cause) {
    throw new UsageError(`${(cause as Error).message.split("\n")[0]} (see activity-report --help)`, {cause});
  }
  if (values.help) return undefined;
  const fromFile = typeof values.config === "string" ? await readConfigFile(values.config, (f) => readFile(f, "utf8")) : {};
  delete values.config;
  return {...fromFile, ...values};
}

/** Progress on stderr: a bar when it is a terminal, otherwise a timestamped line every 10 %. */
export function terminalEffects(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): BuildEffects {
  if (quiet) return {now: () => new Date(), log: () => {}, progress: () => {}};
  const stamp = () => new Date().toISOString().slice(0, 19).replace("T", " ");
  if (!stream.isTTY) {
    const lastDecile = new Map<string, number>();
    return {
      now: () => new Date(),
      log: (message) => stream.write(`${stamp()} ${message}\n`),
      progress: (step, done, total) => {
        const decile = total === 0 ? 10 : Math.floor((done / total) * 10);
        if (decile === lastDecile.get(step)) return;
        lastDecile.set(step, decile);
        stream.write(`${stamp()} ${step}: ${decile * 10} %\n`);
      },
    };
  }
  let bar: cliProgress.SingleBar | undefined;
  let barStep = "";
  return {
    now: () => new Date(),
    log: (message) => {
      bar?.stop();
      bar = undefined;
      stream.write(`${message}\n`);
    },
    progress: (step, done, total) => {
      if (bar === undefined || barStep !== step) {
        bar?.stop();
        barStep = step;
        bar = new cliProgress.SingleBar({format: `${step.padEnd(8)} {bar} {percentage}% | ETA {eta}s`, stream, clearOnComplete: true, hideCursor: true}, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      }
      bar.update(done);
      if (done >= total) {
        bar.stop();
        bar = undefined;
      }
    },
  };
}

const summaryLine = (s: BuildSummary): string =>
  (s.upToDate ? "up to date, nothing rebuilt: " : "") +
  `${s.rows} rows: ${s.accepted} accepted, ${s.rejected} rejected, ${s.duplicates} duplicates; ${s.periods} periods` +
  (s.reused ? ` (${s.rendered} rendered, ${s.reused} kept from the last build)` : "") +
  (s.ingestMode === "append" ? "; only new input read" : "") +
  ` in ${s.seconds} s -> ${s.out}`;

/** Runs the command line; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(USAGE + "\n");
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-v") {
      process.stdout.write(VERSION + "\n");
      return 0;
    }
    if (command === "build") {
      const raw = await options(rest, BUILD_FLAGS);
      if (raw === undefined) return void process.stdout.write(USAGE + "\n"), 0;
      const config = buildConfig(raw);
      const effects = terminalEffects(config.quiet || config.json);
      // the stages (Vega, Eleventy) load only when there is something to build
      const started = performance.now();
      trace("fingerprint …");
      // a grown input (the nightly case) cannot be up to date: the cache is read while it is hashed
      const inputs = await inputState(config);
      const useCache = config.cache !== null && !config.force;
      applyV8Flags(v8FlagsFor(useCache, inputs.before.size));
      const cache = useCache && (await inputsResized(config, inputs)) ? import("./build.js").then((stages) => stages.readBuildCache(config)) : undefined;
      cache?.catch(() => {}); // awaited by the build
      const fingerprint = await buildFingerprint(config, inputs);
      const upToDate = await upToDateSummary(config, fingerprint);
      trace("fingerprint done");
      if (upToDate) upToDate.seconds = Math.round(performance.now() - started) / 1000;
      const summary = upToDate ?? (await (await import("./build.js")).build(config, effects, {fingerprint, cache}));
      if (config.json) process.stdout.write(JSON.stringify(summary) + "\n");
      else if (!config.quiet) process.stdout.write(summaryLine(summary) + "\n");
      return 0;
    }
    if (command === "email") {
      const raw = await options(rest, EMAIL_FLAGS);
      if (raw === undefined) return void process.stdout.write(USAGE + "\n"), 0;
      const config = emailConfig(raw, process.env);
      const {sendSnapshot} = await import("./email/email-command.js");
      const message = await sendSnapshot(config);
      process.stdout.write(message + "\n");
      return 0;
    }
    throw new UsageError(`unknown command "${command}": use build or email (see activity-report --help)`);
  } catch (error) {
    if (error instanceof ReportError) {
      process.stderr.write(`activity-report: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`activity-report: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 70;
  }
}
