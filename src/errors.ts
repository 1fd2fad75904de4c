/**
 * The one error type of the tool. Fatal problems throw a ReportError subclass; the CLI prints its
 * message as one line and exits with its exitCode. Recoverable problems (a bad row) are not errors:
 * they become rejected rows with a reason.
 */
import path from "node:path";

export class ReportError extends Error {
  /** e.g. "input", "config", "usage", "smtp" */
  readonly code: string;
  /** process exit code: 1 for a user error, 2 for a usage error */
  readonly exitCode: number;

  constructor(message: string, options: {code?: string; exitCode?: number; cause?: unknown} = {}) {
    super(message, {cause: options.cause});
    this.name = new.target.name;
    this.code = options.code ?? "report";
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A problem with an input file: missing, unreadable, not text, malformed. Message names file:line. */
export class InputError extends ReportError {
  constructor(message: string, options: {cause?: unknown} = {}) {
    super(message, {code: "input", exitCode: 1, ...options});
  }
}

/** A bad option value or config file (unknown time zone, bad date). */
export class ConfigError extends ReportError {
  constructor(message: string, options: {cause?: unknown} = {}) {
    super(message, {code: "config", exitCode: 1, ...options});
  }
}

/** A malformed command line: unknown flag, missing argument. Exit code 2. */
export class UsageError extends ReportError {
  constructor(message: string, options: {cause?: unknown} = {}) {
    super(message, {code: "usage", exitCode: 2, ...options});
  }
}

/** The mail server refused or could not be reached. */
export class DeliveryError extends ReportError {
  constructor(message: string, options: {cause?: unknown} = {}) {
    super(message, {code: "delivery", exitCode: 1, ...options});
  }
}

/** The machine refused: a full disk, a read-only folder, another build holding the lock. */
export class EnvironmentError extends ReportError {
  constructor(message: string, options: {cause?: unknown} = {}) {
    super(message, {code: "environment", exitCode: 1, ...options});
  }
}

/**
 * A system error from a write to an open file names no file: `file` becomes its path, for
 * systemError. Returns the error, e.g. `throw withPath(error, file)`.
 */
export function withPath(error: unknown, file: string): unknown {
  if (error instanceof Error && (error as NodeJS.ErrnoException).code !== undefined) (error as NodeJS.ErrnoException).path ??= file;
  return error;
}

/** What a system error code means to a user, e.g. ENOSPC: "disk full". */
const SYSTEM_PROBLEMS: Record<string, string> = {
  ENOSPC: "disk full",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EIO: "input/output error",
  EBUSY: "busy (a mount point?)",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
};

/** What the failed call was doing, by its name, e.g. "open": "writing". */
const DOING: Record<string, string> = {
  open: "writing",
  write: "writing",
  mkdir: "making",
  rename: "renaming",
  link: "linking",
  copyfile: "copying",
  unlink: "removing",
  rmdir: "removing",
  rm: "removing",
  read: "reading",
  scandir: "listing",
};

/** A path relative to the current folder when inside it, e.g. "site.lock", else as it is. */
export function fromHere(file: string): string {
  const here = path.relative(process.cwd(), file);
  return here === "" || here.startsWith("..") || path.isAbsolute(here) ? file : here;
}

/**
 * A system error from a file operation (ENOSPC, EROFS, EACCES...) as one line, e.g. "disk full
 * while writing site/month/2025-03/activity.csv"; undefined for any other error. `shown` gives a
 * path as the user knows it (a staging file as the report's), `fallback` names the file when the
 * error has none (a write to an open file). Errors that crossed from a worker thread keep only
 * their message ("ENOSPC: no space left on device, open '/tmp/x'"): it is read too.
 */
export function systemError(error: unknown, shown: (file: string) => string = fromHere, fallback?: string): EnvironmentError | undefined {
  if (!(error instanceof Error)) return undefined;
  const {code, syscall, path: file} = error as NodeJS.ErrnoException;
  // e.g. "EROFS: read-only file system, open '/x/site.lock'"
  const parsed = /^(E[A-Z]+): [^,]*, (\w+)(?: '([^']*)')?/.exec(error.message);
  const what = code ?? parsed?.[1];
  const problem = what === undefined ? undefined : SYSTEM_PROBLEMS[what];
  if (problem === undefined) return undefined;
  const call = syscall ?? parsed?.[2] ?? "";
  const target = file ?? parsed?.[3] ?? fallback;
  const doing = DOING[call] ?? "writing";
  return new EnvironmentError(target === undefined ? problem : `${problem} while ${doing} ${shown(target)}`, {cause: error});
}
