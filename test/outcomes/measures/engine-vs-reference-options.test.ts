import fc from "fast-check";
import { describe, it } from "vitest";
import { defaultMeasureOptions } from "../../../server/modules/outcomes/measures/options.js";
import type { MeasureOptions } from "../../../server/modules/outcomes/measures/types.js";
import { checkEngineAgainstReference } from "./check-engine.js";

// Each option value on its own, away from the defaults, so a mistake in one
// reading is not masked by another option's (engine-vs-reference.test.ts has
// the defaults and random combinations).
const singles: Partial<MeasureOptions>[] = [
  { permanencyAnniversaryCounts: true },
  { reentryExits: "each" },
  { recurrenceWindowInclusive: false },
  { afcarsSnapshotEmulation: true },
  { reentryAnniversaryCounts: true },
  { recurrenceAnniversaryCounts: true },
  { periodEndDay: "not_counted" },
  { periodEndDay: "cb_syntax" },
  { shortEpisodeSeenAt: "latest_data" },
  { monthsInCare: "average" },
  { duplicateReportsAgainst: "counted_prior" },
  { incidentInFirstWeekExcluded: false },
  { homesIncludeKin: true },
];

describe("engine = reference, one option at a time", () => {
  it.each(singles.map((o) => [JSON.stringify(o), o] as const))("with %s", (_, option) =>
    checkEngineAgainstReference(fc.constant({ ...defaultMeasureOptions, ...option }), 200),
  );
});
