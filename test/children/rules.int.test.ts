import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import type { App } from "../../server/platform/http/types.js";
import { addCalendarDays, zonedInstant } from "../../server/platform/rules/zoned-time.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { facility, familyHome, newChild, todayAt } from "./practice-fixtures.js";

let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const signed: Record<string, SignedIn> = {};
const CA = "caseworker@demo.qpi.example";
const FL = "caseworker@fl-c13.demo.qpi.example";
const MN = "caseworker@mn-hennepin.demo.qpi.example";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
  for (const email of [CA, FL, MN, "coordinator@demo.qpi.example", "coordinator@mn-hennepin.demo.qpi.example"])
    signed[email] = await signIn(app, email);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (email: string, url: string, payload: unknown) =>
  app.inject({ method: "POST", url, headers: signed[email].headers(), payload: payload as object });
const get = (email: string, url: string) => app.inject({ method: "GET", url, headers: signed[email].headers() });
type Task = {
  id: string;
  practice: string;
  status: string;
  dueAt: string | null;
  dueOn: string | null;
  notRequiredReason: string | null;
  ruleNote: string;
  version: number;
};
const tasksOf = async (email: string, childId: string) =>
  (await get(email, `/api/children/${childId}/tasks`)).json().tasks as Task[];

async function removal(
  email: string,
  code: string,
  startDate: string,
  placement: {
    householdId: string | null;
    setting: string;
    exclusions?: string[];
    startTime?: string;
    changeKind?: string;
  },
) {
  const { childId } = await newChild(database.db, world, code, email);
  const res = await post(email, `/api/children/${childId}/episodes`, {
    removalDate: startDate,
    removalReason: "neglect",
    placement: { startDate, ...placement },
  });
  expect(res.statusCode, res.body).toBe(201);
  return childId;
}

describe("jurisdiction rule sets", () => {
  it("lists a state's rules with effective dates and sources; staff read, the coordinator may manage", async () => {
    const res = await get(CA, "/api/rules?state=CA");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.canManage).toBe(false);
    const notice = body.rules.filter((r: { practice: string }) => r.practice === "planned_move_notice");
    expect(
      notice.map((r: { dueAmount: number; effectiveFrom: string; effectiveTo: string | null }) => [
        r.dueAmount,
        r.effectiveFrom,
        r.effectiveTo,
      ]),
    ).toEqual([
      [14, "2019-01-01", null],
      [7, null, "2018-12-31"],
    ]);
    expect(notice[0].sourceUrl).toMatch(/^https:\/\/www\.advokids\.org/);
    expect((await get("coordinator@demo.qpi.example", "/api/rules?state=CA")).json().canManage).toBe(true);
    // Another jurisdiction's rule set is not this user's to see.
    expect((await get(CA, "/api/rules?state=MN")).statusCode).toBe(404);
  });

  it(`California's planned-move notice: 7 days before 2019, 14 \
days since (each move keeps the rule of its day)`, async () => {
    const childId = await removal(CA, "CA-FRESNO", "2018-11-01", {
      householdId: familyHome(world, "CA-FRESNO").id,
      setting: "nonrelative_family_home",
    });
    const move = (startDate: string) =>
      post(CA, `/api/children/${childId}/placements`, {
        householdId: familyHome(world, "CA-FRESNO", "relative").id,
        setting: "relative_family_home",
        startDate,
        changeKind: "planned",
        requestedBy: "agency",
        reason: "move_to_relative",
      });
    expect((await move("2018-12-20")).statusCode).toBe(201);
    const res = await post(CA, `/api/children/${childId}/placements`, {
      householdId: familyHome(world, "CA-FRESNO").id,
      setting: "nonrelative_family_home",
      startDate: "2019-01-20",
      changeKind: "planned",
      requestedBy: "agency",
      reason: "sibling_reunion",
    });
    expect(res.statusCode, res.body).toBe(201);
    const notices = (await tasksOf(CA, childId))
      .filter((t) => t.practice === "planned_move_notice")
      .map((t) => t.dueOn)
      .sort();
    expect(notices).toEqual(["2018-12-13", "2019-01-06"]);
  });

  it("a coordinator's rule change applies from its effective date; tasks made before keep their deadline", async () => {
    const coordinator = "coordinator@mn-hennepin.demo.qpi.example";
    const today = todayAt(world, "MN-HENNEPIN");
    // A removal is recorded once it has happened: the first child came yesterday, the change applies from today.
    const yesterday = addCalendarDays(today, -1);
    const before = await removal(MN, "MN-HENNEPIN", yesterday, {
      householdId: familyHome(world, "MN-HENNEPIN").id,
      setting: "nonrelative_family_home",
      startTime: "10:00",
    });
    const oldComfort = (await tasksOf(MN, before)).find((t) => t.practice === "comfort_call")!;
    const effective = today;
    const change = await post(coordinator, "/api/rules", {
      stateCode: "MN",
      practice: "comfort_call",
      trigger: "any_placement",
      dueAmount: 48,
      dueUnit: "hours",
      exclusions: ["contrary_to_safety"],
      effectiveFrom: effective,
      sourceUrl: "https://co.washington.mn.us/2552/Initial-Training",
      sourceNote: "County practice tightened to 48 hours (test).",
    });
    expect(change.statusCode, change.body).toBe(201);
    // The state's law row is not the site's to change: it stays in force, and the site's own stricter setting
    // stands beside it, tied to the site.
    const rules = (await get(coordinator, "/api/rules?state=MN"))
      .json()
      .rules.filter((r: { practice: string }) => r.practice === "comfort_call");
    expect(
      rules.map((r: { dueAmount: number; effectiveTo: string | null; layer: string; siteName: string | null }) => [
        r.dueAmount,
        r.effectiveTo,
        r.layer,
        r.siteName,
      ]),
    ).toEqual([
      [72, null, "state", null],
      [48, null, "site", world.sites.find((s) => s.code === "MN-HENNEPIN")!.name],
    ]);
    // A placement on the effective day gets 48 hours; the earlier task still has 72.
    const after = await removal(MN, "MN-HENNEPIN", effective, {
      householdId: familyHome(world, "MN-HENNEPIN").id,
      setting: "nonrelative_family_home",
      startTime: "10:00",
    });
    const newComfort = (await tasksOf(MN, after)).find((t) => t.practice === "comfort_call")!;
    const zone = "America/Chicago";
    expect(Date.parse(newComfort.dueAt!) - zonedInstant(effective, "10:00", zone).getTime()).toBe(48 * 3_600_000);
    expect((await tasksOf(MN, before)).find((t) => t.practice === "comfort_call")!.dueAt).toBe(oldComfort.dueAt);
    expect(Date.parse(oldComfort.dueAt!) - zonedInstant(yesterday, "10:00", zone).getTime()).toBe(72 * 3_600_000);
    // A second version on the same day is refused; caseworkers cannot edit rules; another state's coordinator cannot
    // either.
    const again = await post(coordinator, "/api/rules", {
      stateCode: "MN",
      practice: "comfort_call",
      trigger: "any_placement",
      dueAmount: 24,
      dueUnit: "hours",
      effectiveFrom: effective,
      sourceUrl: "https://example.org/x",
      sourceNote: "duplicate",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      `Another version of this rule already applies from ${effective}. Choose a later effective date.`,
    );
    expect(
      (
        await post(MN, "/api/rules", {
          stateCode: "MN",
          practice: "comfort_call",
          trigger: "any_placement",
          dueAmount: 24,
          dueUnit: "hours",
          effectiveFrom: addCalendarDays(today, 5),
          sourceUrl: "https://example.org/x",
          sourceNote: "not allowed",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await post("coordinator@demo.qpi.example", "/api/rules", {
          stateCode: "MN",
          practice: "comfort_call",
          trigger: "any_placement",
          dueAmount: 24,
          dueUnit: "hours",
          effectiveFrom: addCalendarDays(today, 5),
          sourceUrl: "https://example.org/x",
          sourceNote: "not allowed",
        })
      ).statusCode,
    ).toBe(403);
  });

  it(`Florida's icebreaker is excluded for a relative placement, group \
care or an incarcerated parent; otherwise due in 14 days`, async () => {
    const today = todayAt(world, "FL-C13");
    const relative = await removal(FL, "FL-C13", today, {
      householdId: familyHome(world, "FL-C13", "relative").id,
      setting: "relative_family_home",
    });
    const group = await removal(FL, "FL-C13", today, {
      householdId: facility(world, "FL-C13").id,
      setting: facility(world, "FL-C13").name.includes("Center") ? "institution" : "group_home",
    });
    const jailed = await removal(FL, "FL-C13", today, {
      householdId: familyHome(world, "FL-C13").id,
      setting: "nonrelative_family_home",
      exclusions: ["parent_incarcerated"],
    });
    const plain = await removal(FL, "FL-C13", today, {
      householdId: familyHome(world, "FL-C13").id,
      setting: "nonrelative_family_home",
    });
    const icebreaker = async (childId: string) =>
      (await tasksOf(FL, childId)).find((t) => t.practice === "icebreaker")!;
    expect(await icebreaker(relative)).toMatchObject({
      status: "not_required",
      notRequiredReason: "placed_with_relatives",
    });
    expect(await icebreaker(group)).toMatchObject({ status: "not_required", notRequiredReason: "group_care" });
    expect(await icebreaker(jailed)).toMatchObject({
      status: "not_required",
      notRequiredReason: "parent_incarcerated",
    });
    expect(await icebreaker(plain)).toMatchObject({ status: "open", dueOn: addCalendarDays(today, 14) });
    // Not-required tasks are never open work on the worklist.
    const excludedId = (await icebreaker(relative)).id;
    const worklist = (await get(FL, "/api/worklist?window=all")).json().tasks as Task[];
    const openId = (await icebreaker(plain)).id;
    expect(worklist.find((t) => t.id === excludedId)?.status).not.toBe("open");
    expect(worklist.some((t) => t.id === openId)).toBe(true);
  });

  it("Florida's emergency move: notify parents, GAL and attorney within 72 hours", async () => {
    const today = todayAt(world, "FL-C13");
    const childId = await removal(FL, "FL-C13", addCalendarDays(today, -10), {
      householdId: familyHome(world, "FL-C13").id,
      setting: "nonrelative_family_home",
    });
    const res = await post(FL, `/api/children/${childId}/placements`, {
      householdId: familyHome(world, "FL-C13", "relative").id,
      setting: "relative_family_home",
      startDate: today,
      startTime: "22:15",
      changeKind: "emergency",
      requestedBy: "caregiver",
      reason: "allegation_in_home",
    });
    expect(res.statusCode, res.body).toBe(201);
    const notice = (await tasksOf(FL, childId)).find((t) => t.practice === "emergency_move_notice")!;
    expect(notice.ruleNote).toMatch(/72 hours/);
    const done = await post(FL, `/api/tasks/${notice.id}/complete`, {
      version: notice.version,
      details: { outcome: "sent", recipients: { caregiver: true, birthParents: true, childAttorney: true } },
    });
    expect(done.json()).toMatchObject({ status: "completed", onTime: true });
  });

  it(`Minnesota: a comfort call after every placement and every \
move; a comfort call not safe is recorded as such`, async () => {
    const today = todayAt(world, "MN-HENNEPIN");
    const childId = await removal(MN, "MN-HENNEPIN", addCalendarDays(today, -30), {
      householdId: familyHome(world, "MN-HENNEPIN").id,
      setting: "nonrelative_family_home",
    });
    await post(MN, `/api/children/${childId}/placements`, {
      householdId: facility(world, "MN-HENNEPIN").id,
      setting: facility(world, "MN-HENNEPIN").name.includes("Center") ? "institution" : "group_home",
      startDate: addCalendarDays(today, -2),
      changeKind: "unplanned",
      requestedBy: "child",
      reason: "behavior_needs",
    });
    const comfort = (await tasksOf(MN, childId)).filter((t) => t.practice === "comfort_call");
    expect(comfort).toHaveLength(2);
    const first = comfort.find((t) => t.status === "open" && t.dueAt! < new Date().toISOString())!;
    const done = await post(MN, `/api/tasks/${first.id}/complete`, {
      version: first.version,
      details: { outcome: "not_safe", notes: "No-contact order." },
    });
    expect(done.json()).toMatchObject({ status: "completed", outcome: "not_safe", onTime: false });
  });
});
