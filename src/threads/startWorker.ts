import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * Starts a thread running the module `name` that sits beside the caller (`callerUrl`, the
 * caller's `import.meta.url`). Compiled (dist/, plain node) it is the .js file. Run from
 * the TypeScript sources (vitest, tsx), a new thread has no TypeScript loader —
 * `execArgv: ["--import", "tsx"]` is not honoured by Node 20 workers — so a small
 * bootstrap registers tsx's loader in the thread, then imports the .ts file.
 *
 * @example startWorker(import.meta.url, "bootstrapWorker")
 */
export function startWorker(callerUrl: string, name: string): Worker {
  if (!callerUrl.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, callerUrl));
  const code = `import(${JSON.stringify(tsxApiUrl(import.meta.url))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL(`./${name}.ts`, callerUrl).href)}); });`;
  return new Worker(code, { eval: true });
}

/** tsx's ESM API, found through its package exports (the CommonJS build mislocates its loader inside a worker). */
function tsxApiUrl(from: string): string {
  const manifestPath = createRequire(from).resolve("tsx/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { exports: Record<string, { import?: { default?: string } }> };
  const entry = manifest.exports["./esm/api"]?.import?.default;
  if (!entry) throw new Error("tsx/esm/api not found: cannot start a TypeScript worker thread");
  return new URL(entry, pathToFileURL(manifestPath)).href;
}
