import { readAnchors } from "../platform/audit/anchors.js";
import { verifyArchiveDir } from "../platform/audit/archive.js";
import { sealAuditNow } from "../platform/audit/sealer.js";
import { type AnchoredHead, describeChainReport, verifyAuditChain } from "../platform/audit/verify-chain.js";
import type { CliCommand } from "./command.js";
import { withDatabase } from "./with-database.js";

export const auditVerifyCommand: CliCommand = {
  name: "audit verify",
  summary: "Walk the audit log's hash chain; name the first broken row",
  help: [
    "Recomputes every audit row's hash in seq order and checks each row names the one before it and that",
    "seq runs 1, 2, 3 … without a gap; compares the chain's end with the head recorded at every append (a",
    "cut-off tail) and counts every row of the table (rows inserted outside the chain).",
    "With --anchors, also proves the chain still holds every head written there by `qpi audit anchor`",
    "(a log wiped and restarted, cut back or rewritten since).",
    "First seals the rows committed so far (as the app's sealer would within a second), then reports how many",
    "rows are still not sealed and checks each of them against its own hash (a row altered before sealing).",
    'Prints "audit chain ok: N rows …; M not yet sealed" and exits 0, or names the first problem and exits 1.',
    "Options:",
    "  --no-seal        look without sealing first",
    "  --anchors DIR    folder of anchor files (default: QPI_AUDIT_ANCHOR_DIR when set)",
    "  --batch-size N   rows read per query (default 5000)",
    "  --archive DIR    also re-verify the archived months from their files (`qpi audit archive --out DIR`):",
    "                   each file's SHA-256, every row's hash and link, and its runs against the anchor kept",
  ].join("\n"),
  options: {
    "batch-size": { type: "string" },
    anchors: { type: "string" },
    "no-seal": { type: "boolean" },
    archive: { type: "string" },
  },
  async run(values) {
    const batchSize = Number(values["batch-size"] ?? 5000);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error("--batch-size must be a whole number ≥ 1");
    const dir = (values.anchors as string | undefined) ?? process.env.QPI_AUDIT_ANCHOR_DIR;
    const anchors: AnchoredHead[] = dir ? readAnchors(dir) : [];
    return withDatabase(async (db) => {
      if (!values["no-seal"]) {
        const sealed = await sealAuditNow(db);
        if (sealed.blockedAt) console.error(sealed.blockedAt.message);
      }
      const report = await verifyAuditChain(db, { batchSize, anchors });
      (report.ok ? console.log : console.error)(describeChainReport(report));
      if (report.ok && dir) console.log(`all ${anchors.length} anchored heads in ${dir} are in the chain`);
      let archiveOk = true;
      const archiveDir = values.archive as string | undefined;
      if (archiveDir) {
        for (const check of await verifyArchiveDir(db, archiveDir)) {
          if (check.problem) {
            archiveOk = false;
            console.error(`archived month ${check.month} broken: ${check.problem}`);
          } else console.log(`archived month ${check.month} ok: ${check.rows} rows`);
        }
      }
      return report.ok && archiveOk ? 0 : 1;
    });
  },
};
