import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseSpec, SpecError, type SpecProblem } from "./parse.js";
import type { PersonaSpec } from "./schema.js";
import { variantId } from "./variant.js";

export interface LoadedSpec {
  spec: PersonaSpec;
  path: string;
  source: string;
  variantId: string;
}

export interface LoadResult {
  specs: LoadedSpec[];
  problems: SpecProblem[];
}

/**
 * Loads every `*.md` spec in a folder (README.md excepted). A broken file is reported
 * with its path, field and reason and skipped; the others still load.
 */
export async function loadPersonaDir(dir: string): Promise<LoadResult> {
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith(".md") && e.name.toLowerCase() !== "readme.md")
    .map((e) => e.name)
    .sort();
  const specs: LoadedSpec[] = [];
  const problems: SpecProblem[] = [];
  const byName = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    const source = await readFile(path, "utf8");
    try {
      const spec = parseSpec(source, path);
      const expected = file.slice(0, -".md".length);
      if (spec.name !== expected) {
        problems.push({ path, field: "name", message: `is "${spec.name}" but the file is ${file}; name the file ${spec.name}.md` });
        continue;
      }
      const clash = byName.get(spec.name);
      if (clash) {
        problems.push({ path, field: "name", message: `"${spec.name}" is already used by ${clash}` });
        continue;
      }
      byName.set(spec.name, path);
      specs.push({ spec, path, source, variantId: variantId(spec) });
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      problems.push(...error.problems);
    }
  }
  return { specs, problems };
}
