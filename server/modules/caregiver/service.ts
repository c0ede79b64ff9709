import type { Kysely, Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import { inAccessTransaction } from "../../platform/access/access-transaction.js";
import type { Actor } from "../../platform/access/actor.js";
import type { Permission } from "../../platform/access/permissions.js";
import { type AuditEntry, recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { readStoredFile, storeFile } from "../../platform/files/index.js";
import { zonedDay } from "../../platform/rules/zoned-time.js";
import { contactOrderInForce } from "../children/index.js";
import { caregiverRepository, type LifeBookRow } from "./repository.js";
import type {
  HealthSummaryContent,
  HealthSummarySave,
  LifeBookItemInput,
  LifeBookShareInput,
  RevealInput,
  RppDecisionInput,
} from "./schema.js";

type Trx = Transaction<Database>;
type ChildRow = NonNullable<Awaited<ReturnType<ReturnType<typeof caregiverRepository>["childInScope"]>>>;
interface Context {
  trx: Trx;
  child: ChildRow;
  today: string;
  audit(entry: Omit<AuditEntry, "outcome" | "siteId" | "entityType"> & { entityType?: string }): Promise<void>;
}

/** Constraint violations this module's writes can meet: a racing summary save is a 409, anything else a 400. */
function mapError(error: unknown): never {
  const code = (error as { code?: string }).code;
  if (code === "23505") throw new AppError("conflict", "caregiver.summary.changed");
  if (code === "23514" || code === "22P02" || code === "22007" || code === "22008")
    throw new AppError("validation", "error.validation");
  throw error;
}

const nameOf = (p: { given_name: string; family_name: string; preferred_name?: string | null }) =>
  `${p.preferred_name || p.given_name} ${p.family_name}`;

export function maskIdentifier(value: string): string | null {
  if (!value) return null;
  // Short identifiers show nothing of themselves; longer ones their last four characters, as a card number does.
  return value.length <= 6 ? "••••" : `•••• ${value.slice(-4)}`;
}

/** Dates in this module's answers: ISO instants. */
const iso = (d: Date | string) => new Date(d).toISOString();

function lifeBookView(childId: string, row: LifeBookRow, photoBase = `/api/my-children/${childId}/life-book`) {
  return {
    id: row.id,
    kind: row.kind,
    happenedOn: row.happened_on,
    title: row.title,
    note: row.note,
    photoUrl: row.file_id ? `${photoBase}/${row.id}/photo` : null,
    sharedWithBirthParent: row.shared_with_birth_parent,
    version: row.version,
  };
}

export function caregiverService(db: Kysely<Database>, clock: () => Date) {
  /**
   * The module's gate: the permission first (403 without it anywhere), one transaction, the child through the
   * actor's scope (404 out of reach), and for the caregiver's own pages the placement in force today in a home the
   * actor lives in (404 from the day it ends). Every read and write is audited in the same transaction.
   */
  function withChild<T>(
    actor: Actor,
    permission: Permission,
    childId: string,
    options: { caregiver: boolean; fieldClasses?: string[] },
    work: (context: Context & { placedSince: string | null }) => Promise<T>,
  ): Promise<T> {
    const now = clock();
    return inAccessTransaction(db, actor, permission, { mapError }, async (trx) => {
      const repo = caregiverRepository(trx);
      const child = await repo.childInScope(actor, permission, childId);
      if (!child) throw notFound();
      const today = zonedDay(now, child.time_zone);
      let placedSince: string | null = null;
      if (options.caregiver) {
        const placement = await repo.placementInMyHome(actor.personId, child.id, today);
        if (!placement) throw notFound();
        placedSince = placement.start_date;
      }
      const audit: Context["audit"] = (entry) =>
        recordAudit(trx, actor, {
          entityType: "child",
          entityId: child.id,
          fieldClasses: options.fieldClasses,
          ...entry,
          siteId: child.site_id,
          outcome: "success",
        });
      return work({ trx, child, today, audit, placedSince });
    });
  }

  const caregiverRead = { caregiver: true, fieldClasses: ["health", "education"] };

  return {
    /** The children placed in my home now. */
    async myChildren(actor: Actor) {
      return inAccessTransaction(db, actor, "caregiver_home:read", { mapError }, async (trx) => {
        const rows = await caregiverRepository(trx).myChildren(actor, "caregiver_home:read");
        await recordAudit(trx, actor, {
          action: "my_children.list",
          entityType: "child",
          entityIds: rows.map((r) => r.id),
          outcome: "success",
        });
        return {
          children: rows.map((r) => ({
            childId: r.id,
            name: nameOf(r),
            birthDate: r.birth_date,
            placedSince: r.start_date,
          })),
        };
      });
    },

    /**
     * What the training module needs to recommend items to the caregiver: for each child placed in my home now, the
     * first name, birth date, the day the placement began, and needs read from the agency's summary (medicines
     * listed, school or education-rights facts, behaviours noted), as flags only. Audited with the field classes.
     */
    async childrenForTraining(actor: Actor) {
      return inAccessTransaction(db, actor, "caregiver_home:read", { mapError }, async (trx) => {
        const repo = caregiverRepository(trx);
        const rows = await repo.myChildren(actor, "caregiver_home:read");
        const children = [];
        for (const r of rows) {
          const content = (await repo.latestSummary(r.id))?.content as HealthSummaryContent | undefined;
          const needs: ("medication" | "education" | "behaviour")[] = [];
          if (content?.medications.length) needs.push("medication");
          if (content && (content.schoolOfOrigin || content.educationRightsHolder)) needs.push("education");
          if (content?.behaviours) needs.push("behaviour");
          children.push({
            childId: r.id,
            firstName: r.preferred_name || r.given_name,
            birthDate: r.birth_date,
            placedSince: r.start_date,
            needs,
          });
        }
        await recordAudit(trx, actor, {
          action: "my_children.training_needs",
          entityType: "child",
          entityIds: rows.map((r) => r.id),
          fieldClasses: ["health", "education"],
          outcome: "success",
        });
        return children;
      });
    },

    /** One child as the caregiver reads it: who the child is, the health and education summary, when it changed. */
    async myChild(actor: Actor, childId: string) {
      return withChild(
        actor,
        "caregiver_home:read",
        childId,
        caregiverRead,
        async ({ trx, child, audit, placedSince }) => {
          const summary = await caregiverRepository(trx).latestSummary(child.id);
          await audit({ action: "my_children.read" });
          const content = summary?.content;
          return {
            childId: child.id,
            name: nameOf(child),
            birthDate: child.birth_date,
            placedSince: placedSince!,
            languages: child.languages,
            tribalAffiliation: child.tribal_affiliation,
            summary: content
              ? (() => {
                  const { mediCalNumber, ...rest } = content;
                  return { ...rest, mediCalNumberMasked: maskIdentifier(mediCalNumber) };
                })()
              : null,
            summaryUpdatedAt: summary ? iso(summary.updated_at) : null,
          };
        },
      );
    },

    /** Shows a masked identifier in full, on purpose: its own audit row names the field. */
    async reveal(actor: Actor, childId: string, input: z.infer<typeof RevealInput>) {
      return withChild(actor, "caregiver_home:read", childId, caregiverRead, async ({ trx, child, audit }) => {
        const summary = await caregiverRepository(trx).latestSummary(child.id);
        const value = summary?.content.mediCalNumber;
        if (!value) throw notFound();
        await audit({ action: "my_children.reveal", purpose: `reveal ${input.field}`, fieldClasses: ["health"] });
        return { field: input.field, value };
      });
    },

    /** The staff page of the summary: the current version and the history of versions. */
    async staffSummary(actor: Actor, childId: string) {
      const read = { caregiver: false, fieldClasses: ["health", "education"] };
      return withChild(actor, "health_summary:write", childId, read, async ({ trx, child, audit }) => {
        const repo = caregiverRepository(trx);
        const [latest, history] = [await repo.latestSummary(child.id), await repo.summaryHistory(child.id)];
        await audit({ action: "health_summary.read" });
        return {
          childId: child.id,
          childName: nameOf(child),
          version: latest?.version ?? 0,
          updatedAt: latest ? iso(latest.updated_at) : null,
          content: latest?.content ?? null,
          history: history.map((h) => ({
            version: h.version,
            updatedAt: iso(h.updated_at),
            updatedByName: `${h.given_name} ${h.family_name}`,
          })),
        };
      });
    },

    /** A new version of the summary, made on the version the editor saw (409 when someone saved in between). */
    async saveSummary(actor: Actor, childId: string, input: z.infer<typeof HealthSummarySave>) {
      const write = { caregiver: false, fieldClasses: ["health", "education"] };
      await withChild(actor, "health_summary:write", childId, write, async ({ trx, child, audit }) => {
        const repo = caregiverRepository(trx);
        const latest = await repo.latestSummary(child.id);
        if ((latest?.version ?? 0) !== input.version) throw new AppError("conflict", "caregiver.summary.changed");
        const content: HealthSummaryContent = input.content;
        const saved = await repo.insertSummary({
          childId: child.id,
          siteId: child.site_id,
          version: input.version + 1,
          content,
          updatedBy: actor.userId,
        });
        await audit({ action: "health_summary.update", entityType: "child_health_summary" });
        return saved;
      });
      return this.staffSummary(actor, childId);
    },

    async decisions(actor: Actor, childId: string, as: "caregiver" | "staff") {
      const permission: Permission = as === "caregiver" ? "caregiver_home:read" : "rpp_decision:read";
      return withChild(actor, permission, childId, { caregiver: as === "caregiver" }, async ({ trx, child, audit }) => {
        const rows = await caregiverRepository(trx).decisions(child.id);
        await audit({ action: "rpp_decision.list" });
        return {
          decisions: rows.map((d) => ({
            id: d.id,
            kind: d.kind,
            decidedOn: d.decided_on,
            description: d.description,
            recordedByName: `${d.given_name} ${d.family_name}`,
            recordedAt: iso(d.created_at),
          })),
        };
      });
    },

    async recordDecision(actor: Actor, childId: string, input: z.infer<typeof RppDecisionInput>) {
      return withChild(
        actor,
        "caregiver_home:write",
        childId,
        { caregiver: true },
        async ({ trx, child, today, audit }) => {
          if (input.decidedOn > today) throw invalid([{ field: "decidedOn", messageKey: "caregiver.decision.future" }]);
          const row = await caregiverRepository(trx).insertDecision({
            childId: child.id,
            siteId: child.site_id,
            recordedBy: actor.userId,
            ...input,
          });
          await audit({ action: "rpp_decision.record", entityType: "rpp_decision", entityId: row.id });
          return {
            id: row.id,
            ...input,
            recordedByName: actor.displayName,
            recordedAt: iso(row.created_at),
          };
        },
      );
    },

    async lifeBook(actor: Actor, childId: string) {
      return withChild(actor, "caregiver_home:read", childId, { caregiver: true }, async ({ trx, child, audit }) => {
        const rows = await caregiverRepository(trx).lifeBook(child.id);
        await audit({ action: "life_book.list" });
        return { items: rows.map((r) => lifeBookView(child.id, r)) };
      });
    },

    async addLifeBookItem(actor: Actor, childId: string, input: z.infer<typeof LifeBookItemInput>) {
      return withChild(
        actor,
        "caregiver_home:write",
        childId,
        { caregiver: true },
        async ({ trx, child, today, audit }) => {
          if (input.happenedOn > today)
            throw invalid([{ field: "happenedOn", messageKey: "caregiver.lifebook.future" }]);
          let fileId: string | null = null;
          if (input.kind === "photo") {
            if (!input.photo) throw invalid([{ field: "photo", messageKey: "validation.required" }]);
            const bytes = Buffer.from(input.photo.contentBase64, "base64");
            const stored = await storeFile(
              trx,
              { siteId: child.site_id, uploadedBy: actor.userId, bytes, fileName: input.photo.fileName },
              "photo",
            );
            if (!stored.contentType.startsWith("image/"))
              throw invalid([{ field: "photo", messageKey: "caregiver.lifebook.not_photo" }]);
            fileId = stored.id;
          } else if (input.photo) {
            throw invalid([{ field: "photo", messageKey: "caregiver.lifebook.milestone_photo" }]);
          }
          const row = await caregiverRepository(trx).insertLifeBookItem({
            childId: child.id,
            siteId: child.site_id,
            createdBy: actor.userId,
            kind: input.kind,
            happenedOn: input.happenedOn,
            title: input.title,
            note: input.note ? input.note : null,
            fileId,
            shared: input.sharedWithBirthParent,
          });
          await audit({ action: "life_book.add", entityType: "life_book_item", entityId: row.id });
          return lifeBookView(child.id, row);
        },
      );
    },

    async shareLifeBookItem(actor: Actor, childId: string, itemId: string, input: z.infer<typeof LifeBookShareInput>) {
      return withChild(actor, "caregiver_home:write", childId, { caregiver: true }, async ({ trx, child, audit }) => {
        const repo = caregiverRepository(trx);
        const item = await repo.lifeBookItem(child.id, itemId, true);
        if (!item) throw notFound();
        const row = await repo.setShared(item.id, input.sharedWithBirthParent);
        await audit({ action: "life_book.share", entityType: "life_book_item", entityId: row.id });
        return lifeBookView(child.id, row);
      });
    },

    /** A life-book photo's bytes, for the caregiver of the home. */
    async lifeBookPhoto(actor: Actor, childId: string, itemId: string) {
      return withChild(actor, "caregiver_home:read", childId, { caregiver: true }, async ({ trx, child, audit }) => {
        const item = await caregiverRepository(trx).lifeBookItem(child.id, itemId);
        if (!item?.file_id) throw notFound();
        const file = await readStoredFile(trx, item.file_id);
        if (!file) throw notFound();
        await audit({ action: "life_book.photo", entityType: "life_book_item", entityId: item.id });
        return file;
      });
    },

    /**
     * The life-book items the caregiver chose to share, for a birth parent of the child: only an actor who reaches
     * the child as its birth parent or legal guardian (`child:read`, own scope), and nothing while a court order keeps
     * the caregiver from the parents. Photo bytes through `sharedLifeBookPhotoForBirthParent`.
     */
    async sharedForBirthParent(actor: Actor, childId: string, photoBase: string) {
      return withChild(actor, "child:read", childId, { caregiver: false }, async ({ trx, child, today, audit }) => {
        if (!(await caregiverRepository(trx).isBirthParentOf(actor.personId, child.id))) throw notFound();
        const blocked = await contactOrderInForce(trx, child.id, today);
        const rows = blocked ? [] : await caregiverRepository(trx).lifeBook(child.id, { sharedOnly: true });
        await audit({ action: "life_book.shared_list" });
        return { items: rows.map((r) => lifeBookView(child.id, r, photoBase)) };
      });
    },

    async sharedPhotoForBirthParent(actor: Actor, childId: string, itemId: string) {
      return withChild(actor, "child:read", childId, { caregiver: false }, async ({ trx, child, today, audit }) => {
        if (!(await caregiverRepository(trx).isBirthParentOf(actor.personId, child.id))) throw notFound();
        if (await contactOrderInForce(trx, child.id, today)) throw notFound();
        const item = await caregiverRepository(trx).lifeBookItem(child.id, itemId);
        if (!item?.file_id || !item.shared_with_birth_parent) throw notFound();
        const file = await readStoredFile(trx, item.file_id);
        if (!file) throw notFound();
        await audit({ action: "life_book.photo", entityType: "life_book_item", entityId: item.id });
        return file;
      });
    },
  };
}
