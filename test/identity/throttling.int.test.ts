import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/demo-accounts.js";
import { THROTTLE } from "../../server/modules/identity/throttle.js";
import type { App } from "../../server/platform/http/types.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { buildClockedApp, cookiesOf, demoUser, testClock } from "./support.js";

let database: TestDatabase;
let app: App;
const clock = testClock();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  app = await buildClockedApp(database.db, database.kind, clock.now);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const MINUTE = 60_000;
let address = 1;
/** Each case signs in from its own address unless told, so the per-address limit does not mix cases. */
async function attempt(email: string, password: string, ip = `198.51.100.${address}`, device?: string) {
  const started = performance.now();
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password },
    remoteAddress: ip,
    ...(device ? { headers: { cookie: `${DEVICE_COOKIE}=${device}` } } : {}),
  });
  return {
    status: response.statusCode,
    body: response.body,
    ms: performance.now() - started,
    device: cookiesOf(response)[DEVICE_COOKIE],
  };
}

const DEVICE_COOKIE = "__Host-qpi_device";

/** `n` failures at an account from the addresses given, never more than the per-minute limit in one minute. */
async function fail(email: string, n: number, addresses: (i: number) => string) {
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % (THROTTLE.accountPerMinute - 1) === 0) clock.advance(MINUTE);
    expect((await attempt(email, `guess-${i}`, addresses(i))).status).toBe(401);
  }
  clock.advance(MINUTE);
}

describe("sign-in throttling (state in the database)", () => {
  it("answers unknown user, wrong password and a locked account identically", async () => {
    address = 1;
    const user = await demoUser(database.db, "caseworker");
    const unknown = await attempt("nobody@example.org", "whatever-password");
    const wrong = await attempt(user.email, "wrong-password-1");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    // Lock the account: ten failures within 15 minutes, at most 6 a minute.
    for (let i = 0; i < THROTTLE.lockoutFailures - 1; i++) {
      if (i > 0 && i % (THROTTLE.accountPerMinute - 1) === 0) clock.advance(MINUTE);
      expect((await attempt(user.email, `wrong-password-${i}`)).status).toBe(401);
    }
    clock.advance(MINUTE);
    const lockout = await database.db
      .selectFrom("account_lockout")
      .selectAll()
      .where("account_key", "=", user.email.toLowerCase())
      .executeTakeFirst();
    expect(lockout?.lockouts).toBe(1);
    // Locked: the RIGHT password gets the very same answer, in comparable time.
    const locked = await attempt(user.email, DEMO_PASSWORD);
    expect(locked.status).toBe(401);
    expect(locked.body).toBe(unknown.body);
    // Comparable time: each path runs one scrypt verification. Best of three samples each, as the
    // test machine is shared (wrong passwords sampled on other accounts, so this one's count stays put).
    const others = [await demoUser(database.db, "analyst"), await demoUser(database.db, "youth")];
    const best = (...ms: number[]) => Math.min(...ms);
    const unknownMs = best(
      unknown.ms,
      (await attempt("nobody2@example.org", "whatever-password")).ms,
      (await attempt("nobody3@example.org", "whatever-password")).ms,
    );
    const wrongMs = best(
      wrong.ms,
      (await attempt(others[0].email, "wrong-password-x")).ms,
      (await attempt(others[1].email, "wrong-password-x")).ms,
    );
    const lockedMs = best(
      locked.ms,
      (await attempt(user.email, DEMO_PASSWORD)).ms,
      (await attempt(user.email, DEMO_PASSWORD)).ms,
    );
    const times = [unknownMs, wrongMs, lockedMs];
    expect(Math.max(...times) / Math.min(...times)).toBeLessThan(2);
    // Attempts refused while locked do not count and do not extend the lock.
    const failures = await database.db
      .selectFrom("sign_in_failure")
      .select("id")
      .where("account_key", "=", user.email.toLowerCase())
      .execute();
    expect(failures).toHaveLength(THROTTLE.lockoutFailures);
    // After the lockout (15 minutes) the right password works again.
    clock.advance(THROTTLE.lockoutMinutes * MINUTE);
    expect((await attempt(user.email, DEMO_PASSWORD)).status).toBe(200);
  });

  it("refuses the 7th failure within a minute per account, even from many addresses", async () => {
    const user = await demoUser(database.db, "supervisor");
    for (let i = 0; i < THROTTLE.accountPerMinute; i++) {
      expect((await attempt(user.email, `nope-${i}`, `203.0.113.${i + 1}`)).status).toBe(401);
    }
    const throttled = await attempt(user.email, DEMO_PASSWORD, "203.0.113.99");
    expect(throttled.status).toBe(401);
    clock.advance(MINUTE + 1000);
    expect((await attempt(user.email, DEMO_PASSWORD, "203.0.113.99")).status).toBe(200);
  });

  it("refuses an address that sprays many accounts (30 failures a minute)", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < THROTTLE.addressPerMinute; i++) {
      expect((await attempt(`sprayed-${i}@example.org`, "Spring2026!", ip)).status).toBe(401);
    }
    const user = await demoUser(database.db, "rfa_worker");
    expect((await attempt(user.email, DEMO_PASSWORD, ip)).status).toBe(401);
    expect((await attempt(user.email, DEMO_PASSWORD, "192.0.2.78")).status).toBe(200);
    clock.advance(MINUTE + 1000);
    expect((await attempt(user.email, DEMO_PASSWORD, ip)).status).toBe(200);
  });

  it("locks for 15 minutes, then 30 after the next ten failures", async () => {
    const user = await demoUser(database.db, "qpi_coordinator");
    const key = user.email.toLowerCase();
    const fail = async (n: number) => {
      for (let i = 0; i < n; i++) {
        if (i > 0 && i % THROTTLE.accountPerMinute === 0) clock.advance(MINUTE);
        expect((await attempt(user.email, `bad-${i}`, `10.1.0.${i}`)).status).toBe(401);
      }
    };
    await fail(THROTTLE.lockoutFailures);
    const first = await database.db
      .selectFrom("account_lockout")
      .selectAll()
      .where("account_key", "=", key)
      .executeTakeFirstOrThrow();
    expect(first.lockouts).toBe(1);
    expect(first.locked_until.getTime() - clock.now().getTime()).toBe(15 * MINUTE);
    clock.advance(15 * MINUTE + 1000);
    await fail(THROTTLE.lockoutFailures);
    const second = await database.db
      .selectFrom("account_lockout")
      .selectAll()
      .where("account_key", "=", key)
      .executeTakeFirstOrThrow();
    expect(second.lockouts).toBe(2);
    expect(second.locked_until.getTime() - clock.now().getTime()).toBe(30 * MINUTE);
  });

  it("never checks more than 100 failures per account per hour", async () => {
    const user = await demoUser(database.db, "analyst");
    const key = user.email.toLowerCase();
    // 100 failures spread over the last hour (as slow guessing from many addresses would leave them).
    const now = clock.now().getTime();
    await database.db
      .insertInto("sign_in_failure")
      .values(
        Array.from({ length: THROTTLE.accountPerHour }, (_, i) => ({
          account_key: key,
          ip: `10.2.${i}.1`,
          occurred_at: new Date(now - 3_500_000 + i * 34_000),
        })),
      )
      .execute();
    expect((await attempt(user.email, DEMO_PASSWORD, "10.3.0.1")).status).toBe(401);
    clock.advance(200_000); // the oldest failures leave the hour
    expect((await attempt(user.email, DEMO_PASSWORD, "10.3.0.1")).status).toBe(200);
  });

  it("a locked-out attacker cannot lock the owner out of the reset path: a reset by email lifts the lock", async () => {
    delete process.env.QPI_SMTP_URL; // mail goes to the outbound_email table
    const user = await demoUser(database.db, "youth");
    for (let i = 0; i < THROTTLE.lockoutFailures; i++) {
      if (i > 0 && i % THROTTLE.accountPerMinute === 0) clock.advance(MINUTE);
      await attempt(user.email, `attacker-${i}`, `10.4.0.${i}`);
    }
    expect((await attempt(user.email, DEMO_PASSWORD, "10.4.1.1")).status).toBe(401); // locked
    const reset = await app.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: user.email } });
    expect(reset.statusCode).toBe(202);
    // The email is written after the reply: wait for it to land.
    let mail: { body_text: string } | undefined;
    for (let i = 0; i < 50 && !mail; i++) {
      mail = await database.db
        .selectFrom("outbound_email")
        .selectAll()
        .where("to_address", "=", user.email)
        .executeTakeFirst();
      if (!mail) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!mail) throw new Error("no reset email");
    const token = mail.body_text.match(/#token=([A-Za-z0-9_-]+)/)![1];
    const done = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset/complete",
      payload: { token, password: "only the owner knows this" },
    });
    expect(done.statusCode).toBe(200);
    expect((await attempt(user.email, "only the owner knows this", "10.4.1.2")).status).toBe(200);
  });

  it("an attacker at one address cannot lock the owner out: only that address is locked", async () => {
    const owner = await demoUser(database.db, "supervisor");
    // The attacker fails twice the lockout count from their address (waiting out the first lock between).
    await fail(owner.email, THROTTLE.lockoutFailures, () => "203.0.113.200");
    expect((await attempt(owner.email, DEMO_PASSWORD, "203.0.113.200")).status).toBe(401); // that pair is locked
    // The owner, from their own address, on a browser that never signed in before: in.
    const fromHome = await attempt(owner.email, DEMO_PASSWORD, "198.51.100.200");
    expect(fromHome.status).toBe(200);
    expect(fromHome.device).toBeTruthy();
    // Only the attacker's address is locked, and the owner's sign-in did not lift that lock.
    const locks = await database.db
      .selectFrom("account_lockout")
      .select(["scope", "lockouts"])
      .where("account_key", "=", owner.email.toLowerCase())
      .execute();
    expect(locks).toEqual([{ scope: "address:203.0.113.200", lockouts: 1 }]);
    expect((await attempt(owner.email, DEMO_PASSWORD, "203.0.113.200")).status).toBe(401);
    // The owner's browser, now a known device, gets in even from the attacker's locked address (a shared network).
    expect((await attempt(owner.email, DEMO_PASSWORD, "203.0.113.200", fromHome.device)).status).toBe(200);
  }, 600_000);

  it("failures from many addresses lock the account, except on the owner's known device", async () => {
    const owner = await demoUser(database.db, "caregiver");
    const known = await attempt(owner.email, DEMO_PASSWORD, "198.51.100.210");
    expect(known.status).toBe(200);
    await fail(owner.email, THROTTLE.lockoutFailures, (i) => `192.0.2.${100 + i}`);
    const lock = await database.db
      .selectFrom("account_lockout")
      .select(["scope", "lockouts"])
      .where("account_key", "=", owner.email.toLowerCase())
      .executeTakeFirstOrThrow();
    expect(lock).toEqual({ scope: "*", lockouts: 1 });
    // A browser the account never signed in from is refused, whatever its address: the lock is the account's.
    expect((await attempt(owner.email, DEMO_PASSWORD, "198.51.100.210")).status).toBe(401);
    expect((await attempt(owner.email, DEMO_PASSWORD, "198.51.100.211")).status).toBe(401);
    // The owner's device signs in, from any address, and the account's lock stays for everyone else.
    const onDevice = await attempt(owner.email, DEMO_PASSWORD, "198.51.100.212", known.device);
    expect(onDevice.status).toBe(200);
    expect((await attempt(owner.email, DEMO_PASSWORD, "198.51.100.213")).status).toBe(401);
    // The device's cookie is renewed at each sign-in and the renewed one works too.
    expect(onDevice.device).toBeTruthy();
    expect(onDevice.device).not.toBe(known.device);
    expect((await attempt(owner.email, DEMO_PASSWORD, "198.51.100.214", onDevice.device)).status).toBe(200);
  }, 600_000);

  it("a device cookie cannot be forged, moved to another account, or kept past its lifetime", async () => {
    const owner = await demoUser(database.db, "birth_parent");
    const other = await demoUser(database.db, "site_admin");
    const ownerDevice = (await attempt(owner.email, DEMO_PASSWORD, "198.51.100.220")).device!;
    const otherDevice = (await attempt(other.email, DEMO_PASSWORD, "198.51.100.220", ownerDevice)).device!;
    // One browser, two accounts: the second sign-in kept the first account's entry.
    expect(otherDevice).toContain(ownerDevice.split("~")[0]);
    await fail(owner.email, THROTTLE.lockoutFailures, (i) => `192.0.2.${150 + i}`);
    const [nonce, issued, signature] = ownerDevice.split("~")[0].split(".");
    const flip = (text: string) => (text[0] === "A" ? "B" : "A") + text.slice(1);
    const forged = [
      "garbage",
      `${flip(nonce)}.${issued}.${signature}`, // another nonce under the same signature
      `${nonce}.${(Number.parseInt(issued, 36) + 86_400).toString(36)}.${signature}`, // a later issue time
      `${nonce}.${issued}.${flip(signature)}`,
      `${nonce}.${issued}.${Buffer.alloc(32).toString("base64url")}`,
      otherDevice.split("~")[0], // a genuine cookie of another account
    ];
    for (const cookie of forged) {
      expect((await attempt(owner.email, DEMO_PASSWORD, "198.51.100.221", cookie)).status).toBe(401);
    }
    // Signed with the server's secret, held in the database: the real one works.
    expect((await attempt(owner.email, DEMO_PASSWORD, "198.51.100.221", ownerDevice)).status).toBe(200);
    // A cookie older than its lifetime no longer counts (the account is locked again from many addresses).
    clock.advance(181 * 24 * 60 * MINUTE);
    await fail(owner.email, THROTTLE.lockoutFailures, (i) => `192.0.2.${170 + i}`);
    expect((await attempt(owner.email, DEMO_PASSWORD, "198.51.100.222", ownerDevice)).status).toBe(401);
  }, 600_000);
});
