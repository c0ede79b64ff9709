import type { Kysely } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import type { Database } from "../../db/database.js";
import "./tables.js";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

let listeningUrl: string | undefined;

/** The address this server listens at (main.ts sets it once listening): links point there unless configured. */
export function setListeningUrl(url: string | undefined): void {
  listeningUrl = url?.replace(/\/+$/, "");
}

/**
 * Where links in emails point: QPI_PUBLIC_URL (the address users reach the platform at, behind its proxy), else the
 * address this server actually listens at, else this machine on PORT.
 */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.QPI_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  return listeningUrl ?? `http://localhost:${env.PORT || 3000}`;
}

export function senderAddress(): string {
  return process.env.QPI_MAIL_FROM ?? "QPI Platform <no-reply@qpi.invalid>";
}

let cached: { url: string; transport: Transporter } | undefined;

/**
 * Sends through the SMTP server of QPI_SMTP_URL (smtp://user:pass@host:port,
 * smtps:// for TLS). Without one — embedded and development mode — the
 * message is printed and kept in the outbound_email table so a developer can
 * follow its link.
 */
export async function sendEmail(db: Kysely<Database>, message: OutgoingEmail): Promise<void> {
  const url = process.env.QPI_SMTP_URL;
  if (url) {
    if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
    await cached.transport.sendMail({
      from: senderAddress(),
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
    return;
  }
  await db
    .insertInto("outbound_email")
    .values({ to_address: message.to, subject: message.subject, body_text: message.text })
    .execute();
  if (process.env.NODE_ENV !== "test" && !process.env.VITEST) {
    console.log(
      `\n[outbound email — QPI_SMTP_URL not set]\nTo: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`,
    );
  }
}
