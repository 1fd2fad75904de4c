/**
 * The `email` command: reads a built report, renders the chosen period's charts to PNG, composes
 * one message, writes it to an .eml file and/or sends it over SMTP. Disk, clock and SMTP are
 * injected effects so tests pass fakes. It takes an EmailConfig that config.ts already validated;
 * failures are ReportErrors (DeliveryError for the mail server) that the CLI prints as one line.
 */
import {readFile, writeFile} from "node:fs/promises";
import type {EmailConfig} from "./email-config.js";
import {ConfigError, ReportError} from "../errors.js";
import {renderChartPng, type ChartPng} from "./chart-png.js";
import {composeMessage} from "./compose-message.js";
import {EMAIL_CHART_IDS, emailContent, type EmailContent} from "./email-content.js";
import {CONTENT_WIDTH} from "./email-html.js";
import {readReport, type ReadFile} from "./read-report.js";
import {createSmtpTransport, deliverMessage, type CreateTransport} from "./smtp-delivery.js";
import {messagesFor} from "../i18n/languages.js";

export interface EmailEffects {
  readFile: ReadFile;
  writeFile(file: string, data: Buffer): Promise<void>;
  /** the message's Date header */
  now(): Date;
  createTransport: CreateTransport;
}

export const defaultEmailEffects: EmailEffects = {
  readFile: (file) => readFile(file),
  writeFile: (file, data) => writeFile(file, data),
  now: () => new Date(),
  createTransport: createSmtpTransport,
};

/** A composed email and what it took. */
export interface ComposedEmail {
  content: EmailContent;
  /** the RFC 5322 bytes, as written to the .eml and sent */
  message: Buffer;
  /** vega + resvg time per chart id, ms */
  renderMs: Record<string, number>;
}

/** Reads the report and composes the message, without writing or sending it. */
export async function composeEmail(config: EmailConfig, effects: Pick<EmailEffects, "readFile" | "now">): Promise<ComposedEmail> {
  const snapshot = await readReport(config, effects.readFile);
  const images = new Map<string, ChartPng>();
  // an empty period has nothing to draw: its charts would be blank frames
  if (snapshot.indicators.totals.actions > 0) {
    for (const id of EMAIL_CHART_IDS) {
      const chart = snapshot.charts.find((c) => c.id === id);
      if (chart === undefined) continue;
      try {
        images.set(id, await renderChartPng(chart.vega, CONTENT_WIDTH));
      } catch (cause) {
        throw new ReportError(`${config.report}/${snapshot.period.path}charts.json: chart "${id}" does not render (${(cause as Error).message})`, {cause});
      }
    }
  }
  const content = emailContent(snapshot, config, images);
  const csv = snapshot.csv === null ? null : {filename: `activity-${snapshot.period.type}-${snapshot.period.key}.csv`, content: snapshot.csv};
  const message = await composeMessage(content, {from: config.from, to: config.to, date: effects.now()}, csv);
  const renderMs = Object.fromEntries([...images].map(([id, image]) => [id, Math.round(image.renderMs)]));
  return {content, message, renderMs};
}

/**
 * Runs the command.
 * @returns one line for the user, e.g. `March 2025: wrote out.eml (84 KB); sent to a@example.org (250 OK)`
 * @throws ConfigError when recipients are given without an SMTP URL, DeliveryError when sending fails
 */
export async function sendSnapshot(config: EmailConfig, effects: EmailEffects = defaultEmailEffects): Promise<string> {
  if (config.to.length > 0 && config.smtpUrl === undefined) {
    throw new ConfigError('sending to --to needs the SMTP server: set SMTP_URL=smtp://user:password@host:port (or "smtp-url" in the config file)');
  }
  const {content, message} = await composeEmail(config, effects);
  const {cli} = messagesFor(content.lang);
  const done = [cli.emailMessage(content.periodTitle, Math.round(message.length / 1024), content.charts.length)];
  if (config.eml !== undefined) {
    try {
      await effects.writeFile(config.eml, message);
    } catch (cause) {
      throw new ReportError(`${config.eml}: cannot write the message (${(cause as Error).message})`, {code: "output", cause});
    }
    done.push(cli.wrote(config.eml));
  }
  if (config.to.length > 0 && config.smtpUrl !== undefined) {
    const reply = await deliverMessage(message, {from: config.from, to: config.to}, config.smtpUrl, effects.createTransport);
    done.push(cli.sent(config.to.join(", "), reply));
  }
  return done.join(cli.separator);
}
