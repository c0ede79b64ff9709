import { NO_DAY } from "../history/days.js";
import { addMonthsFast } from "./calendar.js";
import type { MeasureRun } from "./run.js";
import { Slot } from "./tallies.js";

/**
 * Recruitment and retention of resource families (QPI; Chapin Hall,
 * "Dynamics of Foster Home Recruitment and Retention", research/metrics.md
 * §3). Homes are counted at their site; they have no age, race or sex. Only
 * resource families recruited for children generally count — relative (kin)
 * homes too with options.homesIncludeKin.
 *
 *   homes_approved     homes approved in the period.
 *   homes_closed       approved homes that closed in the period (an inquiry
 *                      that never reached approval is not a home lost); by
 *                      closure reason.
 *   home_retention_1y  of the homes approved in the 12 months before the
 *                      period (start − 12 months … start − 1), so that their
 *                      first anniversary falls in the period, the percent
 *                      still open on the anniversary (closed after it, or not).
 *   time_to_approval   median days from first inquiry to approval, over the
 *                      homes approved in the period with an inquiry date on or
 *                      before the approval.
 */
export function countHomes(run: MeasureRun): void {
  const tallies = run.tallies;
  for (const home of run.cols.homes) {
    if (home.kin && !run.options.homesIncludeKin) continue;
    const approved = home.approvedDay;
    if (approved === NO_DAY) continue;
    const closed = home.closedDay;
    for (let k = 0; k < run.periods.length; k++) {
      const period = run.periods[k];
      if (approved >= period.start && approved <= period.end) {
        tallies.addForSite(k, Slot.homesApproved, home.site, 1);
        if (home.inquiryDay !== NO_DAY && home.inquiryDay <= approved)
          run.daysToApproval[k].pushForSite(approved - home.inquiryDay, home.site);
      }
      if (closed !== NO_DAY && closed >= period.start && closed <= period.end) {
        tallies.addForSite(k, Slot.homesClosed, home.site, 1);
        const reason = home.closureReason >= 1 && home.closureReason <= 7 ? home.closureReason : 0;
        run.closureReasons[k * 8 + reason]++;
      }
      if (approved >= period.retentionCohortStart && approved < period.start) {
        tallies.addForSite(k, Slot.homesRetentionCohort, home.site, 1);
        if (closed === NO_DAY || closed > addMonthsFast(approved, 12))
          tallies.addForSite(k, Slot.homesRetained, home.site, 1);
      }
    }
  }
}
