import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { serverSecret } from "./sign-in-repository.js";

/**
 * Device cookies (OWASP "Slow down online guessing attacks with device
 * cookies"): after a successful sign-in the browser gets, for that account,
 * `nonce.issued.signature` where the signature is an HMAC-SHA256 of the account
 * key, the nonce and the issue time under a server secret kept in the
 * database. The cookie names no account (the signature is checked against the
 * account being signed in to) and cannot be forged without the secret. A
 * browser shared by several people keeps one entry per account, the newest
 * few. It grants nothing by itself: it only lets the sign-in throttle judge
 * that browser on its own failures instead of the account's.
 */
export const DEVICE_LIFETIME_DAYS = 180;
const LIFETIME_SECONDS = DEVICE_LIFETIME_DAYS * 86_400;
const MAX_ENTRIES = 5;
const SECRET_NAME = "device_cookie";

const secrets = new WeakMap<Kysely<Database>, Promise<Buffer>>();

function secretOf(db: Kysely<Database>): Promise<Buffer> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = serverSecret(db, SECRET_NAME, () => crypto.randomBytes(32).toString("base64url")).then((text) =>
      Buffer.from(text, "base64url"),
    );
    secret.catch(() => secrets.delete(db));
    secrets.set(db, secret);
  }
  return secret;
}

function sign(secret: Buffer, key: string, nonce: string, issued: string): Buffer {
  return crypto.createHmac("sha256", secret).update(`${key}\n${nonce}\n${issued}`).digest();
}

interface Entry {
  nonce: string;
  issued: string;
  signature: string;
}

function entriesOf(cookie: string | null | undefined, now: Date): Entry[] {
  if (!cookie || cookie.length > 2_000) return [];
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const entries: Entry[] = [];
  for (const part of cookie.split("~").slice(0, MAX_ENTRIES)) {
    const [nonce, issued, signature, ...rest] = part.split(".");
    if (rest.length || !nonce || !issued || !signature) continue;
    const issuedSeconds = Number.parseInt(issued, 36);
    if (!Number.isFinite(issuedSeconds) || nowSeconds - issuedSeconds > LIFETIME_SECONDS) continue;
    entries.push({ nonce, issued, signature });
  }
  return entries;
}

function matches(secret: Buffer, key: string, entry: Entry): boolean {
  const expected = sign(secret, key, entry.nonce, entry.issued);
  const given = Buffer.from(entry.signature, "base64url");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The nonce of this browser's valid device entry for the account, or null. */
export async function knownDevice(
  db: Kysely<Database>,
  cookie: string | null | undefined,
  key: string,
  now: Date,
): Promise<string | null> {
  const entries = entriesOf(cookie, now);
  if (!entries.length) return null;
  const secret = await secretOf(db);
  return entries.find((entry) => matches(secret, key, entry))?.nonce ?? null;
}

/** The cookie after a successful sign-in to the account: a fresh entry for it first, then the browser's others. */
export async function deviceCookieAfterSignIn(
  db: Kysely<Database>,
  cookie: string | null | undefined,
  key: string,
  now: Date,
): Promise<string> {
  const secret = await secretOf(db);
  const nonce = crypto.randomBytes(16).toString("base64url");
  const issued = Math.floor(now.getTime() / 1000).toString(36);
  const fresh = `${nonce}.${issued}.${sign(secret, key, nonce, issued).toString("base64url")}`;
  const others = entriesOf(cookie, now)
    .filter((entry) => !matches(secret, key, entry))
    .map((e) => `${e.nonce}.${e.issued}.${e.signature}`);
  return [fresh, ...others].slice(0, MAX_ENTRIES).join("~");
}
