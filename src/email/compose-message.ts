/**
 * Builds the RFC 5322 message with nodemailer's MailComposer: multipart/alternative holding
 * text/plain, then multipart/related (text/html and the charts as inline image/png parts), all inside
 * multipart/mixed when the period's activity.csv is attached. The same bytes are written to the .eml
 * and sent over SMTP.
 * It does not write or send anything.
 */
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type Mail from "nodemailer/lib/mailer/index.js";
import type {EmailContent} from "./email-content.js";
import {emailHtml} from "./email-html.js";
import {emailText} from "./email-text.js";

export interface MessageHeaders {
  from: string;
  to: string[];
  /** the Date header */
  date: Date;
}

/** A CSV to attach, e.g. {filename: "activity-month-2025-03.csv", content: <Buffer>} */
export interface CsvAttachment {
  filename: string;
  content: Buffer;
}

/** The mail options nodemailer composes: exported so tests can inspect them. */
export function mailOptions(content: EmailContent, headers: MessageHeaders, csv: CsvAttachment | null): Mail.Options {
  const images: Mail.Attachment[] = content.charts.map((chart) => ({
    filename: `${chart.id}.png`,
    content: chart.image.png,
    contentType: "image/png",
    cid: chart.cid,
    contentDisposition: "inline",
  }));
  const files: Mail.Attachment[] = csv === null ? [] : [{filename: csv.filename, content: csv.content, contentType: "text/csv; charset=utf-8"}];
  return {
    from: headers.from,
    // an .eml written without recipients still needs a To header to open as a draft in most clients
    to: headers.to.length > 0 ? headers.to : "undisclosed-recipients:;",
    subject: content.subject,
    date: headers.date,
    text: emailText(content),
    html: emailHtml(content),
    attachments: [...images, ...files],
    // 8bit would be shorter, but some relays still mangle it; quoted-printable is safe everywhere
    textEncoding: "quoted-printable",
  };
}

/** Composes the message into the bytes of an .eml file. */
export async function composeMessage(content: EmailContent, headers: MessageHeaders, csv: CsvAttachment | null): Promise<Buffer> {
  return new MailComposer(mailOptions(content, headers, csv)).compile().build();
}
