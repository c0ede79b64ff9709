import { describe, expect, it } from "vitest";
import { exclusionsThatHold } from "../../platform/rules/rule-set.js";
import { exclusionFacts, triggersOf } from "./practice-tasks.js";

describe("placement events and rule exclusions", () => {
  it(`every placement fires any_placement; the first also \
initial_placement; moves later_placement and their kind`, () => {
    expect(triggersOf("initial")).toEqual(["any_placement", "initial_placement"]);
    expect(triggersOf("planned")).toEqual(["any_placement", "later_placement", "planned_move"]);
    expect(triggersOf("emergency")).toEqual(["any_placement", "later_placement", "emergency_move"]);
    expect(triggersOf("unplanned")).toEqual(["any_placement", "later_placement"]);
  });

  it("derives relative placement and group care from the setting, and keeps what the caseworker recorded", () => {
    expect([...exclusionFacts({ setting: "relative_family_home", exclusions: [] })]).toEqual(["placed_with_relatives"]);
    expect([...exclusionFacts({ setting: "institution", exclusions: ["expedited_tpr"] })].sort()).toEqual([
      "expedited_tpr",
      "group_care",
    ]);
    expect([...exclusionFacts({ setting: "nonrelative_family_home", exclusions: [] })]).toEqual([]);
  });

  it(`a rule's exclusion holds only when the rule lists it \
(Florida's icebreaker, not Minnesota's comfort call)`, () => {
    const facts = exclusionFacts({ setting: "relative_family_home", exclusions: [] });
    expect(
      exclusionsThatHold(
        { exclusions: ["expedited_tpr", "parent_incarcerated", "placed_with_relatives", "group_care"] },
        facts,
      ),
    ).toEqual(["placed_with_relatives"]);
    expect(exclusionsThatHold({ exclusions: ["contrary_to_safety"] }, facts)).toEqual([]);
  });
});
