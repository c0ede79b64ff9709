/**
 * Every action an audit row can name. A service names its action from this
 * list, so a misspelt one is a compile error; a new action is added here, in
 * the group of the module that records it.
 */
export const auditActions = [
  // identity: sign-in and accounts
  "auth.sign_in",
  "auth.sign_in_throttled",
  "auth.sign_in_recovery_code",
  "auth.sign_out",
  "auth.mfa_enroll",
  "auth.mfa_verify",
  "auth.recovery_codes_replace",
  "auth.password_reset_request",
  "auth.password_reset",
  "user.create",
  "user.enable",
  "user.disable",
  "user.invite",
  "user.invite_resend",
  "user.accept_invitation",
  "user.list",
  "security_policy.update",
  "notification.read",
  // children: the record
  "child.list",
  "child.read",
  "child.read_many",
  "child.create",
  "child.update",
  "child.relation.add",
  "child.access_log.read",
  "child.share.list",
  "child.share.grant",
  "child.share.revoke",
  "episode.open",
  "episode.exit",
  "intake.draft.save",
  "intake.draft.read",
  "intake.finish",
  "record.correct",
  "placement.move",
  "placement.withdraw",
  "partnership.read",
  "partnership.sign",
  "placement.history.read",
  // family: the birth parent's page (0640)
  "family.children_list",
  "family.my_child_read",
  "family.youth_page_read",
  "team.add",
  "team.end",
  "team.list",
  "team.handover",
  "court_order.list",
  "court_order.record",
  "court_order.end",
  "child.invitation.candidates",
  "child.invitation.send",
  "maltreatment_report.list",
  // children: practices
  "practice_task.list",
  "practice_task.complete",
  "practice_task.progress",
  "practice_task.worklist",
  "practice.timeliness",
  "practice_rule.add",
  "practice_kind.add",
  "hearing.create",
  "hearing.list",
  "caregiver_report.submit",
  "caregiver_report.receive",
  "caregiver_report.amend",
  // outcomes
  "outcomes.export",
  "outcomes.import",
  "outcomes.children",
  "outcomes.report_csv",
  // homes: resource families
  "household.list",
  "household.read",
  "household.create",
  "household.update",
  "household.stage",
  "household.check",
  "household.consent",
  "household.close",
  "household.own.read",
  "household.inquiry",
  "household.match",
  "household.candidate.open",
  "household.availability",
  // training
  "training.complete",
  "training.progress.read",
  // the demo seed
  "demo.seed",
  // caregiver: my children, health summary, everyday decisions, life book
  "my_children.list",
  "my_children.read",
  "my_children.reveal",
  "health_summary.read",
  "health_summary.update",
  "rpp_decision.list",
  "rpp_decision.record",
  "life_book.list",
  "life_book.add",
  "life_book.share",
  "life_book.photo",
  "life_book.shared_list",
] as const;

export type AuditAction = (typeof auditActions)[number];

type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/** A refused request is audited under the route it tried ("POST /api/children/:childId/shares"). */
export type DeniedRouteAction = `${HttpMethod} ${string}`;

/** The action of a refused request: its method and route pattern, at most 200 characters. */
export function deniedRouteAction(method: string, route: string): DeniedRouteAction {
  return `${method} ${route}`.slice(0, 200) as DeniedRouteAction;
}
