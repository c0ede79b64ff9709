import { anchorAuditHead } from "../platform/audit/anchors.js";
import type { CliCommand } from "./command.js";
import { withDatabase } from "./with-database.js";

export const auditAnchorCommand: CliCommand = {
  name: "audit anchor",
  summary: "Write the audit chain's head (seq, hash, time) to an append-only file outside the database",
  help: [
    "Appends one line {seq, hash, rows, at} to DIR/qpi-audit-anchors.jsonl (the folder is created if needed).",
    "Keep DIR where the database's owner cannot rewrite it (another disk or host, a share copied to",
    "write-once storage); `qpi audit verify --anchors DIR` proves the chain still holds every anchored head.",
    "The server anchors on its own every hour when QPI_AUDIT_ANCHOR_DIR is set.",
    "Options:",
    "  --dir DIR   the anchor folder (default: QPI_AUDIT_ANCHOR_DIR)",
  ].join("\n"),
  options: { dir: { type: "string" } },
  async run(values) {
    const dir = (values.dir as string | undefined) ?? process.env.QPI_AUDIT_ANCHOR_DIR;
    if (!dir) throw new Error("name the anchor folder with --dir DIR or QPI_AUDIT_ANCHOR_DIR");
    return withDatabase(async (db) => {
      const { anchor, file } = await anchorAuditHead(db, dir);
      console.log(`anchored the audit head: seq ${anchor.seq}, hash ${anchor.hash.slice(0, 16)}… → ${file}`);
      return 0;
    });
  },
};
