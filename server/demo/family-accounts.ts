import { daysBetween } from "./calendar.js";
import type { SiteContext } from "./site-context.js";

/**
 * Sign-ins for a caregiver, a birth parent and a youth at the primary site,
 * tied to real records: the caregiver's home has children placed now, the
 * birth parent is a parent of one of them, and the youth is a teen in care.
 */
export function buildDemoFamilyAccounts(context: SiteContext) {
  const { net, options } = context;
  if (!context.spec.primary) return;
  const site = context.siteId;
  const open = net.placements.filter(
    (p) =>
      p.site_id === site &&
      p.end_date == null &&
      p.household_id &&
      p.setting !== "group_home" &&
      p.setting !== "institution",
  );
  const byHome = new Map<string, typeof open>();
  for (const p of open) byHome.set(p.household_id!, [...(byHome.get(p.household_id!) ?? []), p]);
  const [homeId, placed] = [...byHome.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  const caregiver = net.householdMembers.find((m) => m.household_id === homeId && m.role === "primary_caregiver")!;
  const caregiverPerson = net.persons.find((p) => p.id === caregiver.person_id)!;
  context.account(
    caregiver.person_id as string,
    "caregiver@demo.qpi.example",
    "caregiver",
    null,
    `Resource parent (${caregiverPerson.family_name} household) with ${placed.length} children placed`,
    "en",
  );
  const childOfHome = placed[0].child_id;
  const parentRelation = net.childRelations.find((r) => r.child_id === childOfHome && r.kind === "birth_parent")!;
  context.account(
    parentRelation.person_id,
    "parent@demo.qpi.example",
    "birth_parent",
    null,
    "Birth parent of a child placed with the demo caregiver",
    "es",
  );
  const teen = net.children.find((c) => {
    if (c.site_id !== site) return false;
    const person = net.persons.find((p) => p.id === c.person_id)!;
    const age = daysBetween(person.birth_date!, options.asOf) / 365.25;
    return age >= 14 && age < 18 && net.placements.some((p) => p.child_id === c.id && p.end_date == null);
  });
  if (teen) context.account(teen.person_id, "youth@demo.qpi.example", "youth", null, "Youth in care (age 14–17)", "en");
}
