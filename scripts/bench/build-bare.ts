import path from "node:path";
import { build } from "vite";

// Builds the bare flow renderer (bare-flow-render.tsx) for the benchmark.
export async function buildBareFlowRenderer(root: string): Promise<string> {
  const outDir = path.join(root, "build", "bench");
  await build({
    root,
    configFile: false,
    logLevel: "warn",
    build: {
      ssr: path.join(root, "scripts", "bench", "bare-flow-render.tsx"),
      outDir,
      emptyOutDir: true,
      rollupOptions: { output: { entryFileNames: "bare-flow-render.js" } },
    },
  });
  return path.join(outDir, "bare-flow-render.js");
}
