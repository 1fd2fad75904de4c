/**
 * Sends an already composed message over SMTP with nodemailer's SMTP transport. The server and its
 * credentials come from an SMTP URL (`smtp://user:pass@host:port`, `smtps://...` for implicit TLS),
 * which is never printed: every message shows the server as host:port and masks the password.
 * Any failure (server unreachable, login, recipient or message refused) becomes one DeliveryError
 * line. Timeouts are short so a nightly job does not hang. It does not compose the message.
 */
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer/index.js";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import {ConfigError, DeliveryError} from "../errors.js";

/** What the command needs of a transport: nodemailer's SMTP transport fits. */
export interface MailTransport {
  sendMail(mail: Mail.Options): Promise<SMTPTransport.SentMessageInfo>;
  close(): void;
}

/** Makes a transport; tests may pass a fake. */
export type CreateTransport = (options: SMTPTransport.Options) => MailTransport;

export const createSmtpTransport: CreateTransport = (options) => nodemailer.createTransport(options);

/**
 * Masks the SMTP credentials with "***" in a text to be shown (a server's reply, an error): the URL
 * itself, the password raw and percent-decoded, and the base64 forms a login sends (AUTH PLAIN's
 * "\0user\0password", AUTH LOGIN's user and password), since a server may echo what it was sent,
 * and any other base64 word that decodes to text holding the password. Control characters (an
 * escape sequence in a reply) become spaces: the result is one plain line.
 */
export function maskSecret(text: string, smtpUrl: string): string {
  const secrets = new Set<string>([smtpUrl]);
  const raw = /^[a-z]+:\/\/([^:@/]*):([^@/]*)@/i.exec(smtpUrl);
  let url: URL | undefined;
  try {
    url = new URL(smtpUrl);
  } catch {
    url = undefined;
  }
  const passwords = [raw?.[2], url?.password].filter((p): p is string => p !== undefined && p !== "").flatMap((p) => [p, safeDecode(p)]);
  const users = [raw?.[1], url?.username].filter((u): u is string => u !== undefined && u !== "").map(safeDecode);
  const add = (secret: string) => secrets.add(secret);
  // with and without its "=" padding
  const base64 = (plain: string) =>
    [Buffer.from(plain, "utf8").toString("base64"), Buffer.from(plain, "utf8").toString("base64").replace(/=+$/, "")].forEach(add);
  for (const password of passwords) {
    add(password);
    base64(password);
    for (const user of users) [`\0${user}\0${password}`, `${user}\0${user}\0${password}`, user].forEach(base64);
  }
  // longest first: AUTH PLAIN's form goes whole before a shorter secret cuts it
  let masked = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join("***");
  const decoded = new Set(passwords.map(safeDecode));
  masked = masked.replace(/[A-Za-z0-9+/]{8,}={0,2}/g, (word) => {
    const plain = Buffer.from(word, "base64").toString("utf8");
    return [...decoded].some((password) => plain.includes(password)) ? "***" : word;
  });
  return masked.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads the SMTP URL into transport options with timeouts.
 * @throws ConfigError for a URL that is not smtp:// or smtps:// with a host (the URL is not shown)
 */
export function smtpOptions(smtpUrl: string, timeoutMs = 10_000): SMTPTransport.Options & {label: string} {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new ConfigError("SMTP_URL is not a URL (expected smtp://user:password@host:port or smtps://...)");
  }
  if ((url.protocol !== "smtp:" && url.protocol !== "smtps:") || url.hostname === "") {
    throw new ConfigError(`SMTP_URL: expected smtp://user:password@host:port or smtps://..., not a ${url.protocol}// URL`);
  }
  const secure = url.protocol === "smtps:";
  const port = url.port === "" ? (secure ? 465 : 587) : Number(url.port);
  const user = safeDecode(url.username);
  return {
    label: `${url.hostname}:${port}`,
    host: url.hostname,
    port,
    secure,
    auth: user === "" ? undefined : {user, pass: safeDecode(url.password)},
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: 3 * timeoutMs,
  };
}

/** One line that says what went wrong, from a nodemailer error. */
function describeFailure(error: Error & {code?: string; response?: string}, server: string): string {
  const reply = error.response ?? error.message;
  switch (error.code) {
    case "EENVELOPE":
      return `SMTP server ${server} refused the envelope: ${reply}`;
    case "EAUTH":
      return `SMTP server ${server} refused the login: ${reply}`;
    case "EMESSAGE":
      return `SMTP server ${server} refused the message: ${reply}`;
    case "ECONNECTION":
    case "ESOCKET":
    case "ETIMEDOUT":
    case "EDNS":
      return `cannot reach SMTP server ${server}: ${error.message}`;
    default:
      return `sending through SMTP server ${server} failed: ${error.message}`;
  }
}

/**
 * Sends `raw` (a whole RFC 5322 message) to `envelope.to`.
 * @returns the server's reply, e.g. "250 OK: queued as 1A2B"
 * @throws DeliveryError unless the server accepted the message for every recipient
 */
export async function deliverMessage(
  raw: Buffer,
  envelope: {from: string; to: string[]},
  smtpUrl: string,
  createTransport: CreateTransport = createSmtpTransport,
): Promise<string> {
  const {label, ...options} = smtpOptions(smtpUrl);
  const transport = createTransport(options);
  try {
    const info = await transport.sendMail({envelope, raw});
    if (info.rejected.length > 0) {
      const refused = info.rejected.map((address) => (typeof address === "string" ? address : address.address)).join(", ");
      // nodemailer lists the refusals there, but its types do not declare it
      const reply = (info as {rejectedErrors?: {response?: string}[]}).rejectedErrors?.[0]?.response ?? "";
      throw new DeliveryError(maskSecret(`SMTP server ${label} refused recipient ${refused} (others accepted the message): ${reply}`, smtpUrl));
    }
    return maskSecret(info.response, smtpUrl);
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    throw new DeliveryError(maskSecret(describeFailure(error as Error, label), smtpUrl), {cause: error});
  } finally {
    transport.close();
  }
}
