import type { ParseArgsConfig } from "node:util";

/** One verb of the `qpi` command; each lives in its own file and calls module services. */
export interface CliCommand {
  name: string;
  summary: string;
  help: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  // biome-ignore lint/suspicious/noConfusingVoidType: most verbs return nothing, a failing one its exit code
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number | void>;
}
