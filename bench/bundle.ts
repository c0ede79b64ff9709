import fs from "node:fs";
import path from "node:path";

/**
 * The benchmark's national bundle, made once per size and kept in the
 * temporary folder (QPI_BENCH_BUNDLE names another folder to use as is).
 * Made by the outcomes generator (`qpi generate`), deterministic by seed.
 */
export async function makeBenchBundle(
  dir: string,
  children: number,
  log: (line: string) => void,
): Promise<{ asOf: string }> {
  const marker = path.join(dir, ".complete");
  if (process.env.QPI_BENCH_BUNDLE || fs.existsSync(marker)) {
    log(`bundle: ${dir}`);
    return { asOf: process.env.QPI_BENCH_AS_OF ?? "2025-09-30" };
  }
  const generator = await import("../server/synthetic/bundle.js").catch(() => null);
  if (!generator) throw new Error("The outcomes generator is not there yet: set QPI_BENCH_BUNDLE to a bundle folder.");
  fs.rmSync(dir, { recursive: true, force: true });
  log(`generating ${children.toLocaleString("en-US")} children into ${dir} …`);
  const started = performance.now();
  const made = await generator.generateBundle(dir, { children, seed: 1 });
  log(`  ${((performance.now() - started) / 1000).toFixed(1)} s`);
  fs.writeFileSync(marker, new Date().toISOString());
  return { asOf: made?.asOf ?? "2025-09-30" };
}
