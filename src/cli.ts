/**
 * The `activity-report` command: parses flags, reads the config file, runs a command and turns a
 * ReportError into one line on stderr and an exit code (1 user error, 2 usage error). Progress goes to
 * stderr: a bar on a terminal, timestamped lines otherwise (cron logs); the summary goes to stdout.
 */
import {readFile} from "node:fs/promises";
import {parseArgs} from "node:util";
import cliProgress from "cli-progress";
import {ReportError, systemError, UsageError} from "./errors.js";
import {buildConfig} from "./config.js";
import {emailConfig} from "./email/email-config.js";
import {readConfigFile, type RawOptions} from "./options.js";
import {build, type BuildEffects, type BuildSummary} from "./build.js";
import {LANGUAGE_CODES, messagesFor} from "./i18n/languages.js";
import type {Messages} from "./i18n/en.js";

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
  activity-report build --help | email --help | --help | --version

Exit codes: 0 done, 1 a problem with the input, options or mail server, 2 a malformed command line.`;

/**
 * Each command's flags: what parseArgs reads (type, multiple, short; it ignores the rest) and what
 * `--help` says of them (arg: the value's placeholder; help: what the flag does and its default).
 */
const BUILD_FLAGS = {
  input: {
    type: "string",
    multiple: true,
    short: "i",
    arg: "<file|dir>",
    help: "a log file, or a folder of them (.csv, .json, .ndjson, .jsonl, read in name order); repeatable; required",
  },
  out: {type: "string", short: "o", arg: "<dir>", help: "where the site goes (default dist)"},
  tz: {type: "string", arg: "<zone>", help: "IANA time zone of the periods (default UTC)"},
  "as-of": {type: "string", arg: "<YYYY-MM-DD>", help: "the day the rolling periods end on (default today in --tz)"},
  periods: {type: "string", multiple: true, arg: "<types>", help: "comma-separated subset of week,month,quarter,year,all,rolling (default all six)"},
  top: {type: "string", arg: "<n>", help: "length of the top lists (default 5)"},
  format: {type: "string", arg: "<csv|json|ndjson>", help: "overrides the format taken from each file's extension"},
  title: {type: "string", arg: "<text>", help: "the domain's name on the pages (default the log's domain_id)"},
  lang: {type: "string", arg: `<${LANGUAGE_CODES.join("|")}>`, help: "the language of the pages, charts and summary (default en)"},
  "max-rejected": {type: "string", arg: "<percent>", help: "fail when more rows than this are rejected (default 5)"},
  config: {type: "string", arg: "<file.json>", help: "the same options as a JSON object; paths relative to the file; flags win"},
  quiet: {type: "boolean", short: "q", help: "nothing on success, only an error line (for cron)"},
  json: {type: "boolean", help: "the summary as one JSON object on stdout"},
  workers: {type: "string", arg: "<n>", help: "chart-rendering worker threads (default the number of cores; 0: none, same bytes)"},
  force: {type: "boolean", help: "rebuild even when nothing changed, ignoring the cache (which is rewritten)"},
  cache: {type: "string", arg: "<dir>", help: "where the parsed log and the last build's period keys are kept (default <out>.cache)"},
  "no-cache": {type: "boolean", help: "read every input and render every period; no cache is written"},
  help: {type: "boolean", short: "h", help: "this help"},
} as const;

const EMAIL_FLAGS = {
  report: {type: "string", arg: "<dir>", help: "a built report folder (the build's --out); required"},
  period: {
    type: "string",
    arg: "<choice>",
    help: "<type>:<key> (month:2025-03, rolling:last-7-days) or latest:<week|month|quarter|year>, the latest complete one; required",
  },
  "as-of": {type: "string", arg: "<YYYY-MM-DD>", help: "the day latest: counts from (default the report's as-of day)"},
  eml: {type: "string", arg: "<file.eml>", help: "write the message to this file (--eml, --to or both)"},
  to: {type: "string", multiple: true, arg: "<address>", help: "send to this address through SMTP_URL; repeatable"},
  from: {type: "string", arg: "<address>", help: "the sender (default activity-report <activity-report@localhost>: set one your mail server accepts)"},
  subject: {type: "string", arg: "<text>", help: "the subject (default Backoffice activity · <title> · <period>)"},
  lang: {type: "string", arg: `<${LANGUAGE_CODES.join("|")}>`, help: "the message's language (default the report's)"},
  "base-url": {type: "string", arg: "<url>", help: "where the report is hosted: the message links to the period's page"},
  "attach-csv": {type: "boolean", help: "attach the period's activity.csv"},
  config: {type: "string", arg: "<file.json>", help: 'the same options as a JSON object (and "smtp-url"); flags win'},
  help: {type: "boolean", short: "h", help: "this help"},
} as const;

type FlagHelp = {short?: string; arg?: string; help: string};

/** The help of one command: what it does, then each flag with what it does. */
export function commandHelp(command: "build" | "email"): string {
  const [what, usage, flags, after] =
    command === "build"
      ? ["reads the activity log and writes the report site", "activity-report build --input <file|dir>... [options]", BUILD_FLAGS, ""]
      : [
          "mails (or writes as .eml) a snapshot of one period of a built report",
          "activity-report email --report <dir> --period <choice> (--eml <file> | --to <address>...) [options]",
          EMAIL_FLAGS,
          '\nThe SMTP server and its credentials come only from the SMTP_URL environment variable\n(smtp://user:password@host:port), or "smtp-url" in the config file; they are never printed.\n',
        ];
  // e.g. "-i, --input <file|dir>", "--no-cache"
  const rows = Object.entries(flags as Record<string, FlagHelp>).map(([name, {short, arg, help}]) => [
    `${short ? `-${short}, ` : ""}--${name}${arg ? ` ${arg}` : ""}`,
    help,
  ]);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return (
    `activity-report ${command}: ${what}\n\nUsage: ${usage}\n\nOptions:\n` +
    rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`).join("\n") +
    "\n" +
    after +
    "\nExit codes: 0 done, 1 a problem with the input, options or mail server, 2 a malformed command line."
  );
}

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
        bar = new cliProgress.SingleBar(
          {format: `${step.padEnd(8)} {bar} {percentage}% | ETA {eta}s`, stream, clearOnComplete: true, hideCursor: true},
          cliProgress.Presets.shades_classic,
        );
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

/** The build's summary line on stdout, in the report's language (error messages stay English). */
export const summaryLine = (s: BuildSummary, m: Messages = messagesFor(undefined)): string =>
  (s.upToDate ? m.cli.upToDate : "") +
  m.cli.summary(s.rows, s.accepted, s.rejected, s.duplicates, s.periods) +
  (s.reused ? m.cli.reused(s.rendered ?? 0, s.reused) : "") +
  (s.ingestMode === "append" ? m.cli.append : s.ingestMode === "reexport" ? m.cli.reexport : "") +
  m.cli.took(s.seconds, s.out) +
  (s.skipped?.length ? m.cli.skipped(s.skipped.join(", ")) : "");

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
      if (raw === undefined) return (void process.stdout.write(commandHelp("build") + "\n"), 0);
      const config = buildConfig(raw);
      const effects = terminalEffects(config.quiet || config.json);
      const summary = await build(config, effects);
      if (config.json) process.stdout.write(JSON.stringify(summary) + "\n");
      else if (!config.quiet) process.stdout.write(summaryLine(summary, messagesFor(config.lang)) + "\n");
      return 0;
    }
    if (command === "email") {
      const raw = await options(rest, EMAIL_FLAGS);
      if (raw === undefined) return (void process.stdout.write(commandHelp("email") + "\n"), 0);
      const config = emailConfig(raw, process.env);
      const {sendSnapshot} = await import("./email/email-command.js");
      const message = await sendSnapshot(config);
      process.stdout.write(message + "\n");
      return 0;
    }
    throw new UsageError(`unknown command "${command}": use build or email (see activity-report --help)`);
  } catch (error) {
    const known = error instanceof ReportError ? error : systemError(error);
    if (known !== undefined) {
      process.stderr.write(`activity-report: ${known.message}\n`);
      return known.exitCode;
    }
    process.stderr.write(`activity-report: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 70;
  }
}
