// `npm run dev`: the API on QPI_API_PORT (3001) with the embedded database,
// and Vite's dev server with hot reload on PORT (3000) proxying /api to it.
import { spawn } from "node:child_process";
import { createServer } from "vite";
import { projectRoot } from "./version.js";

const apiPort = process.env.QPI_API_PORT || "3001";
const api = spawn(process.execPath, ["--import", "tsx", "--watch", "server/main.ts", ...process.argv.slice(2)], {
  cwd: projectRoot,
  stdio: "inherit",
  env: { ...process.env, PORT: apiPort, QPI_INSECURE_COOKIES: "1", QPI_API_PORT: apiPort },
});
const vite = await createServer({
  configFile: `${projectRoot}/vite.config.ts`,
  server: { port: Number(process.env.PORT || 3000) },
});
await vite.listen();
vite.printUrls();
const stop = async () => {
  api.kill("SIGINT");
  await vite.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
