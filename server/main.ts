import { buildApp } from "./app.js";
import { readConfig } from "./config.js";
import { DataDirLockedError } from "./db/data-dir-lock.js";
import { openDatabase } from "./db/engine.js";
import { migrateToLatest } from "./db/migrate.js";
import { printDemoSignIns } from "./demo/demo-accounts.js";
import { seedDemoIfEmpty } from "./demo/seed.js";
import { modules } from "./modules/index.js";
import { warmComputeWorker } from "./modules/outcomes/index.js";
import { auditAnchorJobs } from "./platform/audit/anchors.js";
import { auditPartitionJobs } from "./platform/audit/archive.js";
import { auditSealer } from "./platform/audit/sealer.js";
import { createScheduler } from "./platform/jobs/scheduler.js";
import { publicBaseUrl, setListeningUrl } from "./platform/mail/mailer.js";
import { scheduledJobs } from "./platform/registry/module-descriptor.js";

/** Reads the environment, opens the database, starts the server. Nothing else. */
async function main() {
  const config = readConfig();
  const startedAt = Date.now();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const where =
    database.kind === "pglite" ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)";
  console.log(`QPI Platform: database ${where}`);
  await migrateToLatest(database.db);
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(database.db, { seed: 1, scale: 1 });
    if (seeded) console.log(`Seeded the demo network: ${seeded.summary}`);
  }
  const app = await buildApp({
    db: database.db,
    engine: database.kind,
    logger: { level: process.env.LOG_LEVEL ?? "warn" },
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    limits: config.limits,
    actorCacheSeconds: config.actorCacheSeconds,
  });
  await app.listen({ port: config.port, host: config.host });
  // Links in emails point at QPI_PUBLIC_URL, else at the port the server actually listens on.
  const address = app.server.address();
  setListeningUrl(`http://localhost:${typeof address === "object" && address ? address.port : config.port}`);
  // Outcome computations run in a worker thread: start it now, not on the first dashboard request.
  warmComputeWorker().catch((error) => console.error(`QPI Platform: the outcome compute worker: ${error}`));
  // The database-backed scheduler (every module's jobs: reminders, mail, outcomes; and the platform's audit
  // anchoring when a folder is set): safe to run in every instance.
  // Audit rows are appended unsealed; the sealer chains them (every QPI_AUDIT_SEAL_MS, default 250 ms, one
  // instance at a time by the chain's advisory lock; also a once-a-minute scheduler job as a backstop).
  const sealer = await auditSealer(database.db, config.auditSeal);
  const scheduler = createScheduler(database.db, {
    ...scheduledJobs(modules, { publicUrl: config.publicUrl }),
    ...(await auditAnchorJobs(database.db, config.auditAnchorDir)),
    // Next months' audit partitions, created ahead of time (daily).
    ...(await auditPartitionJobs(database.db)),
    ...sealer.jobs,
  });
  if (process.env.QPI_AUDIT_SEALER !== "off") sealer.start();
  if (process.env.QPI_SCHEDULER !== "off") {
    // The first round now, so the mail backlog it prints (without SMTP) comes before the sign-ins, not after them.
    await scheduler.tick().catch((error) => console.error("[jobs] tick failed", error));
    scheduler.start();
  }
  const url = publicBaseUrl();
  console.log(`QPI Platform is ready at ${url} (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  if (config.seedDemo) await printDemoSignIns(database.db);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping QPI Platform…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await scheduler.stop();
    await sealer.stop();
    await app.close();
    await database.close();
    console.log("Stopped cleanly.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
