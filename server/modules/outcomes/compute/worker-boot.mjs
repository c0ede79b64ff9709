// The outcome compute worker's entry: registers tsx's loader in this thread
// (under `npm start`, `npm run dev`, tests and the benchmark alike: the worker
// is started without the parent's flags), then loads the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./compute-worker.ts");
