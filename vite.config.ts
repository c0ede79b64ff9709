import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: "web",
  plugins: [react()],
  build: { outDir: "../dist/web", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 900 },
  server: {
    port: Number(process.env.PORT || 3000),
    proxy: {
      "/api": `http://127.0.0.1:${process.env.QPI_API_PORT || 3001}`,
      "/healthz": `http://127.0.0.1:${process.env.QPI_API_PORT || 3001}`,
    },
  },
});
