import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { readStoredFile, storeFile } from "../../platform/files/index.js";
import { type ChildContext, childGate } from "../children/index.js";
import { activeMailboxesOfPersons } from "../identity/index.js";
import { type NewMessageNotice, notifyNewMessage } from "./notify.js";
import { type AgreementRow, channelRepository, type MessageRow } from "./repository.js";
import type { AgreementInput, MessageInput, PartyThreads, PauseInput, StaffChannel } from "./schema.js";

export type Side = "caregiver" | "birth_parent";

const iso = (d: Date | string) => new Date(d).toISOString();
const firstName = (p: { given_name: string; preferred_name?: string | null }) => p.preferred_name || p.given_name;

/** Where each side's pages serve a message's attachment from. */
const attachmentBase = (side: Side | "staff", childId: string) =>
  side === "caregiver"
    ? `/api/my-children/${childId}/messages`
    : side === "birth_parent"
      ? `/api/family/children/${childId}/messages`
      : `/api/children/${childId}/family-channel/messages`;

function statusOf(agreement: AgreementRow, orderInForce: boolean) {
  if (orderInForce) return "paused_by_court_order" as const;
  return agreement.paused_at ? ("paused" as const) : ("open" as const);
}

function attachmentOf(m: MessageRow, base: string) {
  return m.file_id
    ? { url: `${base}/${m.id}/attachment`, fileName: m.file_name ?? "", contentType: m.content_type ?? "" }
    : null;
}

/**
 * Safe messages between a child's caregiver and birth parent, relayed by the platform (issue 13). The access check
 * comes first (the child gate: permission, scope, 404 out of reach), then the agreement: a party reaches a thread only
 * through an agreement in force that names them — the birth parent by person, the caregiver by the home the child
 * lives in today — and everything else answers 404. A court order against contact or disclosure pauses the channel
 * and hides the home's name from the parent, as the children module's disclosure rules do. Every read and write is
 * audited in its transaction; the email notice goes out after commit and carries no message content.
 */
export function messagesService(db: Kysely<Database>, clock: () => Date) {
  const withChild = childGate(db, clock);

  /** The agreements a party reaches for the child now, and whether a court order is in force; 404 when none. */
  async function partyAgreements(ctx: ChildContext, actor: Actor, side: Side) {
    const disclosed = await ctx.disclosure();
    const home = disclosed.home;
    if (!home) throw notFound();
    const repo = channelRepository(ctx.trx);
    let rows: AgreementRow[];
    if (side === "caregiver") {
      if (!(await repo.isHouseholdMember(actor.personId, home.householdId))) throw notFound();
      rows = await repo.currentAgreements(ctx.child.id, home.householdId);
    } else {
      rows = await repo.currentAgreements(ctx.child.id, home.householdId, actor.personId);
    }
    if (rows.length === 0) throw notFound();
    return { rows, orderInForce: disclosed.courtOrderForbidsContact };
  }

  function partyThreads(
    actor: Actor,
    side: Side,
    childId: string,
    rows: AgreementRow[],
    messages: MessageRow[],
    orderInForce: boolean,
  ): z.infer<typeof PartyThreads> {
    const base = attachmentBase(side, childId);
    // Under a court order the parent is not told who the resource family is: no home name, no caregiver's name.
    const hideCaregiver = side === "birth_parent" && orderInForce;
    return {
      threads: rows.map((a) => ({
        agreementId: a.id,
        agreedOn: String(a.agreed_on),
        status: statusOf(a, orderInForce),
        otherPartyName: side === "caregiver" ? a.parent_given_name : hideCaregiver ? null : a.household_name,
        messages: messages
          .filter((m) => m.agreement_id === a.id)
          .map((m) => ({
            id: m.id,
            side: m.sender_side,
            fromMe: m.sender_user_id === actor.userId,
            senderName: m.sender_side === "caregiver" && hideCaregiver ? null : firstName(m),
            body: m.body,
            sentAt: iso(m.created_at),
            attachment: attachmentOf(m, base),
          })),
      })),
    };
  }

  async function staffChannel(ctx: ChildContext): Promise<z.infer<typeof StaffChannel>> {
    const repo = channelRepository(ctx.trx);
    const disclosed = await ctx.disclosure();
    const [parents, agreements] = [await repo.parentsOf(ctx.child.id), await repo.allAgreements(ctx.child.id)];
    const messages = await repo.messages(agreements.map((a) => a.id));
    const base = attachmentBase("staff", ctx.child.id);
    return {
      childId: ctx.child.id,
      parents: parents.map((p) => ({ personId: p.id, name: `${p.given_name} ${p.family_name}` })),
      home: disclosed.home ? { id: disclosed.home.householdId, name: disclosed.home.householdName } : null,
      agreements: agreements.map((a) => ({
        id: a.id,
        birthParentName: `${a.parent_given_name} ${a.parent_family_name}`,
        householdName: a.household_name,
        agreedOn: String(a.agreed_on),
        note: a.note,
        status: statusOf(a, disclosed.courtOrderForbidsContact),
        pauseReason: a.pause_reason,
        current: disclosed.home?.householdId === a.household_id,
        messages: messages
          .filter((m) => m.agreement_id === a.id)
          .map((m) => ({
            id: m.id,
            side: m.sender_side,
            senderName: `${firstName(m)} ${m.family_name}`,
            body: m.body,
            sentAt: iso(m.created_at),
            attachment: attachmentOf(m, base),
          })),
      })),
    };
  }

  return {
    /** A party's threads about the child (404 without an agreement in force that names them). */
    async threads(actor: Actor, childId: string, side: Side) {
      return withChild(actor, "family_message:send", childId, {}, async (ctx) => {
        const { rows, orderInForce } = await partyAgreements(ctx, actor, side);
        const messages = await channelRepository(ctx.trx).messages(rows.map((a) => a.id));
        await ctx.audit({ action: "family_message.read", fieldClasses: [] });
        return partyThreads(actor, side, ctx.child.id, rows, messages, orderInForce);
      });
    },

    /** Sends a message (409 while the channel is paused); the other party gets an email notice without content. */
    async send(actor: Actor, childId: string, side: Side, input: z.infer<typeof MessageInput>) {
      let notice: NewMessageNotice | undefined;
      const sent = await withChild(actor, "family_message:send", childId, { lock: true }, async (ctx) => {
        const { rows, orderInForce } = await partyAgreements(ctx, actor, side);
        const agreement = rows.find((a) => a.id === input.agreementId);
        if (!agreement) throw notFound();
        if (statusOf(agreement, orderInForce) !== "open") throw new AppError("conflict", "family_message.paused");
        const repo = channelRepository(ctx.trx);
        let fileId: string | null = null;
        if (input.attachment) {
          const stored = await storeFile(
            ctx.trx,
            {
              siteId: ctx.child.site_id,
              uploadedBy: actor.userId,
              bytes: Buffer.from(input.attachment.contentBase64, "base64"),
              fileName: input.attachment.fileName,
            },
            "attachment",
          );
          fileId = stored.id;
        }
        const row = await repo.insertMessage({
          agreement_id: agreement.id,
          child_id: ctx.child.id,
          site_id: ctx.child.site_id,
          sender_user_id: actor.userId,
          sender_side: side,
          body: input.body,
          file_id: fileId,
        });
        await ctx.audit({ action: "family_message.send", entityType: "family_message", entityId: row.id });
        const recipients =
          side === "caregiver"
            ? [agreement.birth_parent_person_id]
            : await repo.householdMembers(agreement.household_id);
        const mailboxes = (await activeMailboxesOfPersons(ctx.trx, recipients)).filter(
          (m) => m.userId !== actor.userId,
        );
        notice = { mailboxes, path: side === "caregiver" ? "/my-child" : "/my-children" };
        const messages = await repo.messages([agreement.id]);
        return partyThreads(actor, side, ctx.child.id, [agreement], messages, orderInForce).threads[0].messages.find(
          (m) => m.id === row.id,
        )!;
      });
      if (notice) await notifyNewMessage(db, notice);
      return sent;
    },

    /** An attachment's bytes for a party of its thread (404 otherwise). */
    async partyAttachment(actor: Actor, childId: string, messageId: string, side: Side) {
      return withChild(actor, "family_message:send", childId, {}, async (ctx) => {
        const { rows } = await partyAgreements(ctx, actor, side);
        const message = await channelRepository(ctx.trx).message(ctx.child.id, messageId);
        if (!message?.file_id || !rows.some((a) => a.id === message.agreement_id)) throw notFound();
        const file = await readStoredFile(ctx.trx, message.file_id);
        if (!file) throw notFound();
        await ctx.audit({ action: "family_message.attachment", entityType: "family_message", entityId: message.id });
        return file;
      });
    },

    /** The child's staff: the agreements, who an agreement can be between now, and every thread (audited). */
    async staffRead(actor: Actor, childId: string) {
      return withChild(actor, "family_message:manage", childId, {}, async (ctx) => {
        const channel = await staffChannel(ctx);
        await ctx.audit({ action: "family_message.staff_read", fieldClasses: [] });
        return channel;
      });
    },

    async staffAttachment(actor: Actor, childId: string, messageId: string) {
      return withChild(actor, "family_message:manage", childId, {}, async (ctx) => {
        const message = await channelRepository(ctx.trx).message(ctx.child.id, messageId);
        if (!message?.file_id) throw notFound();
        const file = await readStoredFile(ctx.trx, message.file_id);
        if (!file) throw notFound();
        await ctx.audit({ action: "family_message.attachment", entityType: "family_message", entityId: message.id });
        return file;
      });
    },

    /** Records the families' agreement with the home the child lives in now (both parties agreed, dated). */
    async recordAgreement(actor: Actor, childId: string, input: z.infer<typeof AgreementInput>) {
      return withChild(actor, "family_message:manage", childId, { lock: true }, async (ctx) => {
        const repo = channelRepository(ctx.trx);
        if (input.agreedOn > ctx.today) throw invalid([{ field: "agreedOn", messageKey: "family_message.future" }]);
        const parents = await repo.parentsOf(ctx.child.id);
        if (!parents.some((p) => p.id === input.birthParentPersonId))
          throw invalid([{ field: "birthParentPersonId", messageKey: "family_message.not_parent" }]);
        const home = (await ctx.disclosure()).home;
        if (!home) throw invalid([{ field: "birthParentPersonId", messageKey: "family_message.no_home" }]);
        if ((await repo.currentAgreements(ctx.child.id, home.householdId, input.birthParentPersonId)).length)
          throw new AppError("conflict", "family_message.exists");
        const row = await repo.insertAgreement({
          child_id: ctx.child.id,
          site_id: ctx.child.site_id,
          birth_parent_person_id: input.birthParentPersonId,
          household_id: home.householdId,
          agreed_on: input.agreedOn,
          caregiver_agreed: input.caregiverAgreed,
          parent_agreed: input.parentAgreed,
          note: input.note ? input.note : null,
          recorded_by: actor.userId,
        });
        await ctx.audit({ action: "family_agreement.record", entityType: "family_agreement", entityId: row.id });
        return staffChannel(ctx);
      });
    },

    /** Pauses or reopens the channel of an agreement (staff). */
    async pause(actor: Actor, childId: string, agreementId: string, input: z.infer<typeof PauseInput>) {
      return withChild(actor, "family_message:manage", childId, { lock: true }, async (ctx) => {
        const repo = channelRepository(ctx.trx);
        const agreement = await repo.agreement(ctx.child.id, agreementId);
        if (!agreement) throw notFound();
        await repo.setPaused(
          agreement.id,
          input.paused ? { by: actor.userId, reason: input.reason ? input.reason : null } : null,
        );
        await ctx.audit({
          action: input.paused ? "family_agreement.pause" : "family_agreement.resume",
          entityType: "family_agreement",
          entityId: agreement.id,
        });
        return staffChannel(ctx);
      });
    },
  };
}
