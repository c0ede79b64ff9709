import { parseArgs } from "node:util";
import { commands } from "./commands.js";

const usage = () => {
  console.log("Usage: qpi <command> [options]\n\nCommands:");
  for (const command of commands) console.log(`  ${command.name.padEnd(14)} ${command.summary}`);
  console.log("\nThe database is DATABASE_URL when set, else the embedded one in QPI_DATA_DIR (./data).");
  console.log("Run `qpi <command> --help` for a command's options.");
};

async function main(argv: string[]) {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") return usage();
  const words =
    name === "users" || name === "audit" || name === "rules"
      ? [`${name} ${rest.shift() ?? ""}`.trim(), rest]
      : [name, rest];
  const command = commands.find((c) => c.name === words[0]);
  if (!command) {
    console.error(`Unknown command: ${words[0]}\n`);
    usage();
    process.exit(2);
  }
  const args = words[1] as string[];
  if (args.includes("--help") || args.includes("-h")) {
    console.log(`qpi ${command.name} — ${command.summary}\n\n${command.help}`);
    return;
  }
  const parsed = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
  const code = await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  process.exit(code ?? 0);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
