import { describeChainReport, verifyAuditChain } from "../platform/audit/verify-chain.js";
import type { CliCommand } from "./command.js";
import { withDatabase } from "./with-database.js";

export const auditVerifyCommand: CliCommand = {
  name: "audit verify",
  summary: "Walk the audit log's hash chain; name the first broken row",
  help: [
    "Recomputes every audit row's hash in seq order and checks each row names the one before it,",
    "then compares the chain's end with the head recorded at every append (a cut-off tail).",
    'Prints "audit chain ok: N rows …" and exits 0, or names the first broken row and exits 1.',
    "Options:",
    "  --batch-size N   rows read per query (default 5000)",
  ].join("\n"),
  options: { "batch-size": { type: "string" } },
  async run(values) {
    const batchSize = Number(values["batch-size"] ?? 5000);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error("--batch-size must be a whole number ≥ 1");
    return withDatabase(async (db) => {
      const report = await verifyAuditChain(db, { batchSize });
      (report.ok ? console.log : console.error)(describeChainReport(report));
      return report.ok ? 0 : 1;
    });
  },
};
