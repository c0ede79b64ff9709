import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The text body, quoted-printable decoded. */
  text: string;
}

function decodeQuotedPrintable(body: string): string {
  return Buffer.from(
    body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives. `delayMs` makes it take that long over each message
 * (a slow relay); an address put in `failOnce` has its next message refused with 550.
 */
export async function startSmtpServer(options: { delayMs?: number } = {}) {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const failOnce = new Set<string>();
  let dataArrived: (() => void) | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        dataArrived?.();
        setTimeout(() => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          if (to.some((a) => failOnce.delete(a))) {
            callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
            return;
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          const [head, ...rest] = raw.split(/\r?\n\r?\n/);
          const body = rest.join("\n\n");
          const text = /quoted-printable/i.test(head) ? decodeQuotedPrintable(body) : body;
          received.push({ to, raw, text });
          waiters.splice(0).forEach((w) => w());
          callback();
        }, options.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failOnce,
    /** Resolves when the next message's data has arrived (before the server answers it). */
    nextData: () =>
      new Promise<void>((resolve) => {
        dataArrived = () => {
          dataArrived = undefined;
          resolve();
        };
      }),
    /** The next message to this address (waits for it). */
    async mailTo(address: string, timeoutMs = 10_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((m) => m.to.includes(address));
        if (found) {
          received.splice(received.indexOf(found), 1);
          return found;
        }
        if (Date.now() > deadline) throw new Error(`no mail to ${address}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function tokenFromLink(text: string, path: string): string {
  const match = text.match(new RegExp(`${path}#token=([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}
