import type { Kysely } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import type { Database } from "../../db/database.js";
import "./tables.js";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

/** Where links in emails point: QPI_PUBLIC_URL in production, else this machine. */
export function publicBaseUrl(): string {
  const configured = process.env.QPI_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return `http://localhost:${process.env.PORT ?? 3000}`;
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
