import type { CliCommand } from "./command.js";
import { migrateCommand } from "./migrate.js";
import { seedDemoCommand } from "./seed-demo.js";
import { usersAddCommand, usersDisableCommand } from "./users.js";
import { auditVerifyCommand } from "./audit-verify.js";
import { generateCommand } from "./generate.js";
import { importCommand } from "./import.js";
import { outcomesCommand } from "./outcomes.js";

/** Every verb of `qpi`; a module adds its verbs here. */
export const commands: CliCommand[] = [migrateCommand, seedDemoCommand, usersAddCommand, usersDisableCommand, auditVerifyCommand, generateCommand, importCommand, outcomesCommand];
