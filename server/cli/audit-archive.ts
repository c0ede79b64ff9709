import { ArchiveRefused, archiveMonth } from "../platform/audit/archive.js";
import type { CliCommand } from "./command.js";
import { withDatabase } from "./with-database.js";

export const auditArchiveCommand: CliCommand = {
  name: "audit archive",
  summary: "Export a sealed audit month to files, check them against the chain, and drop its partition",
  help: [
    "Archives every month before YYYY-MM that is still in the database and older than the audit retention",
    "(the longest rule in effect in audit_retention_rule; 72 months unless a jurisdiction records its own).",
    "Per month: writes DIR/audit-YYYY-MM.jsonl (every row, chain order, with its hashes) and",
    "DIR/audit-YYYY-MM.manifest.json (first/last seq and hashes, the runs of seqs, the file's SHA-256),",
    "reads the file back and checks it against the chain, keeps an anchor row in the database, drops the",
    "month's partition and verifies the chain across the gap, all in one transaction.",
    "Refuses a month with rows not yet sealed or within the retention period (nothing is changed then).",
    "Options:",
    "  --before YYYY-MM   archive the months before this one (required)",
    "  --out DIR          the archive folder (required; keep it on write-once or backed-up storage)",
  ].join("\n"),
  options: { before: { type: "string" }, out: { type: "string" } },
  async run(values) {
    const before = values.before as string | undefined;
    const out = values.out as string | undefined;
    if (!before || !/^\d{4}-(0[1-9]|1[0-2])$/.test(before)) throw new Error("--before YYYY-MM is required");
    if (!out) throw new Error("--out DIR is required");
    return withDatabase(async (db) => {
      const months = await db
        .selectFrom("audit_event")
        .select((eb) => eb.fn<string>("to_char", [eb.fn("min", ["occurred_at"]), eb.val("YYYY-MM")]).as("first"))
        .where("occurred_at", "<", new Date(`${before}-01T00:00:00Z`))
        .executeTakeFirst();
      if (!months?.first) {
        console.log(`no audit rows before ${before} are in the database`);
        return 0;
      }
      for (let month = months.first; month < before; month = nextMonth(month)) {
        try {
          const done = await archiveMonth(db, month, out);
          console.log(
            `archived ${month}: ${done.manifest.rows} rows (seq ${done.manifest.first_seq ?? "-"}–` +
              `${done.manifest.last_seq ?? "-"}) → ${done.file}; ${done.report.rows} rows verify across the gap`,
          );
        } catch (error) {
          if (error instanceof ArchiveRefused && /already archived/.test(error.message)) continue;
          console.error(`not archived: ${(error as Error).message}`);
          return 1;
        }
      }
      return 0;
    });
  },
};

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
