/**
 * The one error type of the tool. Fatal problems throw a ReportError subclass; the CLI prints its
 * message as one line and exits with its exitCode. Recoverable problems (a bad row) are not errors:
 * they become rejected rows with a reason.
 */

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
