import { AppError } from "../../platform/errors/app-error.js";

interface PgError {
  code?: string;
  constraint?: string;
}

// Constraint names → the specific message the user reads. The service checks
// these rules first; the database is the last fence (races, other writers).
const byConstraint: Record<string, { code: "conflict" | "validation"; key: string }> = {
  placement_one_open_idx: { code: "conflict", key: "practice.placement.second_open" },
  placement_child_id_daterange_excl: { code: "conflict", key: "practice.placement.overlaps" },
  removal_episode_child_id_daterange_excl: { code: "conflict", key: "practice.episode.overlaps" },
  removal_episode_check: { code: "validation", key: "practice.episode.exit_before_entry" },
  practice_task_origin_key_key: { code: "conflict", key: "practice.task.already_completed" },
  caregiver_report_hearing_id_key: { code: "conflict", key: "practice.hearing.report_exists" },
  practice_rule_one_version_a_day: { code: "conflict", key: "practice.rule.overlap" },
  practice_kind_pkey: { code: "conflict", key: "practice.kind.exists" },
  practice_rule_state_code_practice_trigger_applies_to_daterange_excl: {
    code: "conflict",
    key: "practice.rule.overlap",
  },
};

/** Turns a PostgreSQL constraint violation into a specific 400/409; anything else is rethrown. */
export function mapDatabaseError(error: unknown, params: Record<string, string> = {}): never {
  const pg = error as PgError;
  if (pg && typeof pg === "object" && pg.code && ["23505", "23P01", "23514", "23503"].includes(pg.code)) {
    const known = pg.constraint ? byConstraint[pg.constraint] : undefined;
    if (known) throw new AppError(known.code, known.key, { startDate: "", removalDate: "", date: "", ...params });
    const constraint = pg.constraint ?? "unknown";
    if (pg.code === "23514") throw new AppError("validation", "practice.db.check", { constraint });
    throw new AppError("conflict", "practice.db.constraint", { constraint });
  }
  throw error;
}
