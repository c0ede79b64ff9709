import { auditAnchorCommand } from "./audit-anchor.js";
import { auditArchiveCommand } from "./audit-archive.js";
import { auditVerifyCommand } from "./audit-verify.js";
import { backupCommand } from "./backup.js";
import type { CliCommand } from "./command.js";
import { generateCommand } from "./generate.js";
import { importCommand } from "./import.js";
import { migrateCommand } from "./migrate.js";
import { outcomesCommand } from "./outcomes.js";
import { restoreCommand } from "./restore.js";
import { seedDemoCommand } from "./seed-demo.js";
import { usersAddCommand, usersDisableCommand } from "./users.js";

/** Every verb of `qpi`; a module adds its verbs here. */
export const commands: CliCommand[] = [
  migrateCommand,
  seedDemoCommand,
  usersAddCommand,
  usersDisableCommand,
  auditVerifyCommand,
  auditAnchorCommand,
  auditArchiveCommand,
  generateCommand,
  importCommand,
  outcomesCommand,
  backupCommand,
  restoreCommand,
];
