import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const version: string = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")).version;
