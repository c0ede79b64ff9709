import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { siteDirectory } from "../network/index.js";
import { type ConcernRow, concernRepository } from "./concern-repository.js";
import type { ConcernRaise, ConcernStep, MyConcern, MyConcerns, SiteConcerns } from "./concern-schema.js";
import type { RaiserRole } from "./concern-tables.js";

const raiserRoles: readonly RaiserRole[] = ["caregiver", "birth_parent", "youth"];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function mine(row: ConcernRow): z.infer<typeof MyConcern> {
  return {
    id: row.id,
    topic: row.topic,
    text: row.body,
    shareName: row.share_name,
    status: row.status,
    raisedAt: row.created_at.toISOString(),
    acknowledgedAt: iso(row.acknowledged_at),
    response: row.response,
    respondedAt: iso(row.responded_at),
    closeNote: row.close_note,
    closedAt: iso(row.closed_at),
  };
}

const replyRequired = (step: string) =>
  new AppError("validation", "error.validation", {}, [
    { field: "concernReply", messageKey: step === "close" ? "improve.close_note_required" : "improve.reply_required" },
  ]);

/**
 * Concerns: raised by a caregiver, birth parent or youth from their own page, handled by their site's QPI
 * coordinator. The raiser reads only their own (the query is by their account); a coordinator reads and answers
 * only the concerns of the sites where they hold concern:manage (404 elsewhere). Every read and step is audited in
 * its transaction.
 */
export function concernService(db: Kysely<Database>, clock: () => Date) {
  /** The site a family member raises concerns at: the first where they hold concern:raise, and their role there. */
  function raiserOf(actor: Actor) {
    const held = requireAccess(actor, "concern:raise");
    const siteId = held[0].siteId;
    const role = actor.grants.find((g) => g.siteId === siteId && raiserRoles.includes(g.role as RaiserRole))?.role;
    if (!role) throw new AppError("forbidden");
    return { siteId, role: role as RaiserRole };
  }

  return {
    async mine(actor: Actor): Promise<z.infer<typeof MyConcerns>> {
      const { siteId } = raiserOf(actor);
      return db.transaction().execute(async (trx) => {
        const repo = concernRepository(trx);
        const rows = await repo.raisedBy(actor.userId);
        const [site] = await siteDirectory(trx).byIds([siteId]);
        const line = site ? await repo.reportLine(site.state_code, siteId) : undefined;
        await recordAudit(trx, actor, {
          action: "concern.list_own",
          entityType: "concern",
          entityIds: rows.map((r) => r.id),
          siteId,
          outcome: "success",
        });
        return {
          reportLine: line
            ? {
                name: actor.locale === "es" ? (line.name_es ?? line.name_en) : line.name_en,
                phone: line.phone,
                sourceUrl: line.source_url,
                checkedOn: line.checked_on,
              }
            : null,
          concerns: rows.map(mine),
        };
      });
    },

    async raise(actor: Actor, input: z.infer<typeof ConcernRaise>): Promise<z.infer<typeof MyConcern>> {
      const { siteId, role } = raiserOf(actor);
      return db.transaction().execute(async (trx) => {
        const repo = concernRepository(trx);
        const { id } = await repo.insert({
          site_id: siteId,
          raised_by_user_id: actor.userId,
          raiser_role: role,
          topic: input.concernTopic,
          body: input.concern,
          share_name: input.shareName,
          created_at: clock(),
        });
        await recordAudit(trx, actor, {
          action: "concern.raise",
          entityType: "concern",
          entityId: id,
          siteId,
          outcome: "success",
        });
        const row = (await repo.raisedBy(actor.userId)).find((r) => r.id === id);
        if (!row) throw notFound();
        return mine(row);
      });
    },

    async ofSite(actor: Actor, siteId: string): Promise<z.infer<typeof SiteConcerns>> {
      requireAccess(actor, "concern:manage", { siteId });
      return db.transaction().execute(async (trx) => {
        const rows = await concernRepository(trx).ofSite(siteId);
        await recordAudit(trx, actor, {
          action: "concern.list",
          entityType: "concern",
          entityIds: rows.map((r) => r.id),
          siteId,
          outcome: "success",
        });
        return {
          concerns: rows.map((r) => ({
            ...mine(r),
            raiserRole: r.raiser_role,
            raiserName: r.raiser_name,
            version: r.version,
          })),
        };
      });
    },

    async step(actor: Actor, concernId: string, input: z.infer<typeof ConcernStep>) {
      const held = requireAccess(actor, "concern:manage");
      const siteIds = [...new Set(held.map((p) => p.siteId))];
      return db.transaction().execute(async (trx) => {
        const repo = concernRepository(trx);
        const row = await repo.forStep(concernId, siteIds);
        if (!row) throw notFound();
        if (row.version !== input.version) throw new AppError("conflict", "improve.concern_changed");
        const now = clock();
        const reply = input.concernReply;
        let values: Parameters<typeof repo.step>[2];
        if (input.concernStep === "acknowledge") {
          if (row.status !== "open") throw new AppError("conflict", "improve.concern_step_not_allowed");
          values = { status: "acknowledged", acknowledged_at: now, handled_by_user_id: actor.userId };
        } else if (input.concernStep === "respond") {
          if (row.status !== "open" && row.status !== "acknowledged")
            throw new AppError("conflict", "improve.concern_step_not_allowed");
          if (!reply) throw replyRequired("respond");
          values = {
            status: "responded",
            acknowledged_at: row.acknowledged_at ?? now,
            response: reply,
            responded_at: now,
            handled_by_user_id: actor.userId,
          };
        } else {
          if (row.status !== "responded") throw new AppError("conflict", "improve.concern_step_not_allowed");
          if (!reply) throw replyRequired("close");
          values = { status: "closed", close_note: reply, closed_at: now, handled_by_user_id: actor.userId };
        }
        if (!(await repo.step(row.id, row.version, values))) throw new AppError("conflict", "improve.concern_changed");
        await recordAudit(trx, actor, {
          action: `concern.${input.concernStep}`,
          entityType: "concern",
          entityId: row.id,
          siteId: row.site_id,
          outcome: "success",
        });
        return { id: row.id, status: values.status, version: row.version + 1 };
      });
    },
  };
}
