import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { isLocale, translate } from "../../platform/i18n/locale.js";
import { publicBaseUrl, sendEmail } from "../../platform/mail/mailer.js";

export interface NewMessageNotice {
  mailboxes: { email: string; language: string }[];
  /** The page the recipient reads the message on. */
  path: string;
}

/**
 * Tells the other party a message is waiting, in their language, after the message committed. The email names no
 * child, sender or content (mail is not a safe channel): only that there is something to read behind sign-in. A
 * failed send is logged without the address and does not undo the message; the thread is the record.
 */
export async function notifyNewMessage(db: Kysely<Database>, notice: NewMessageNotice) {
  for (const mailbox of notice.mailboxes) {
    const locale = isLocale(mailbox.language) ? mailbox.language : "en";
    try {
      await sendEmail(db, {
        to: mailbox.email,
        subject: translate(locale, "family_message.email.subject"),
        text: translate(locale, "family_message.email.body", { url: `${publicBaseUrl()}${notice.path}` }),
      });
    } catch (err) {
      const e = err as { code?: string; responseCode?: number };
      console.error(`[mail] new-message notice not sent (${e.code ?? "error"} ${e.responseCode ?? ""})`);
    }
  }
}
