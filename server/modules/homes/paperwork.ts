import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import { documentsRepository } from "./documents-repository.js";

type Db = Kysely<Database> | Transaction<Database>;
type RequirementState = "accepted" | "submitted" | "rejected" | "missing";

/**
 * Where one requirement stands: accepted once any upload is accepted; otherwise the latest upload's review
 * (waiting, or rejected so the family sends it again); missing when nothing was sent.
 */
export function requirementState(uploads: readonly { status: "submitted" | "accepted" | "rejected" }[]) {
  if (uploads.some((u) => u.status === "accepted")) return "accepted" as RequirementState;
  const latest = uploads.at(-1);
  return (latest?.status ?? "missing") as RequirementState;
}

/** The requirements of the state in force on `day`, each with its uploads (oldest first) and where it stands. */
export async function householdPaperwork(db: Db, householdId: string, stateCode: string, day: string) {
  const repository = documentsRepository(db);
  const [requirements, documents] = await Promise.all([
    repository.requirementsOn(stateCode, day),
    repository.documents(householdId),
  ]);
  return requirements.map((requirement) => {
    const uploads = documents.filter((d) => d.requirement_id === requirement.id);
    return { requirement, uploads, state: requirementState(uploads) };
  });
}

/** "documents" when a document approval waits for is not yet accepted; nothing where no list is established. */
export async function paperworkMissingForApproval(db: Db, householdId: string, stateCode: string, day: string) {
  const paperwork = await householdPaperwork(db, householdId, stateCode, day);
  return paperwork.some((p) => p.requirement.blocks_approval && p.state !== "accepted") ? ["documents"] : [];
}
