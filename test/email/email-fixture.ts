/**
 * The email tests' fixture report (test/fixtures/email/report, written by make-report.ts) and a
 * config and effects for it: a fixed clock, reads from disk, writes kept in memory. Not a test file.
 */
import {readFile} from "node:fs/promises";
import path from "node:path";
import type {EmailConfig} from "../../src/email/email-config.js";
import type {EmailEffects} from "../../src/email/email-command.js";
import {createSmtpTransport} from "../../src/email/smtp-delivery.js";

export const FIXTURE_REPORT = path.join(path.dirname(new URL(import.meta.url).pathname), "../fixtures/email/report");

/** The Date header every test message carries. */
export const FIXED_NOW = new Date("2025-04-01T05:00:00Z");

/** March 2025 of the fixture, written to "out.eml", nothing sent. */
export function fixtureConfig(overrides: Partial<EmailConfig> = {}): EmailConfig {
  return {
    report: FIXTURE_REPORT,
    period: {kind: "exact", type: "month", key: "2025-03"},
    asOf: undefined,
    eml: "out.eml",
    to: [],
    from: "activity-report <activity-report@localhost>",
    lang: undefined,
    subject: undefined,
    baseUrl: undefined,
    attachCsv: false,
    smtpUrl: undefined,
    ...overrides,
  };
}

/** Effects that read the fixture and keep written files in `written`. */
export function fixtureEffects(): EmailEffects & {written: Map<string, Buffer>} {
  const written = new Map<string, Buffer>();
  return {
    written,
    readFile: (file) => readFile(file),
    writeFile: async (file, data) => void written.set(file, data),
    now: () => FIXED_NOW,
    createTransport: createSmtpTransport,
  };
}

/** The error a promise rejects with; throws when it resolves (uvu/assert has no `rejects`). */
export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the promise to reject");
}
