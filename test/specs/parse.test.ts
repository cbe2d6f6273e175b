import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPersonaDir } from "../../src/specs/load.js";
import { parseSpec, SpecError } from "../../src/specs/parse.js";
import { renderSystemPrompt } from "../../src/specs/render.js";
import { variantId } from "../../src/specs/variant.js";

const spec = (front: string, body = "## Identity\nYou are Ada.\n\n## Voice\nPlain words.\n") => `---\n${front}\n---\n${body}`;
const base = "name: ada\ndescription: A test persona.";

function problemsOf(text: string) {
  try {
    parseSpec(text, "personas/ada.md");
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
  throw new Error("expected the spec to be refused");
}

describe("parseSpec", () => {
  it("reads front matter and ## sections in order", () => {
    const s = parseSpec(spec(`${base}\ndisplay_name: Ada L.\ntraits:\n  warmth: 0.8\n  candor: 0.3\ntags: [test]\ngreeting: Hello.`), "x.md");
    expect(s).toMatchObject({ name: "ada", displayName: "Ada L.", traits: { warmth: 0.8, candor: 0.3 }, tags: ["test"], greeting: "Hello." });
    expect(s.sections).toEqual([{ title: "Identity", body: "You are Ada." }, { title: "Voice", body: "Plain words." }]);
  });

  it("does not split at a ## line inside a code block", () => {
    const s = parseSpec(spec(base, "## Examples\n```md\n## not a heading\n```\n"), "x.md");
    expect(s.sections).toHaveLength(1);
    expect(s.sections[0]!.body).toContain("## not a heading");
  });

  it("names the field, the reason and the file line of a bad value", () => {
    const [p] = problemsOf(spec(`${base}\ntraits:\n  warmth: 1.7`));
    expect(p).toMatchObject({ path: "personas/ada.md", field: "traits.warmth", message: "each trait must be from 0 to 1", line: 5 });
  });

  it("reports a missing required field", () => {
    expect(problemsOf(spec("name: ada"))).toEqual([expect.objectContaining({ field: "description", message: expect.stringContaining("required") })]);
  });

  it("refuses unknown fields so typos surface", () => {
    expect(problemsOf(spec(`${base}\ntemprature: 0.5`))[0]).toMatchObject({ field: "temprature", message: expect.stringContaining("unknown field"), line: 4 });
  });

  it("reports broken YAML with its line", () => {
    expect(problemsOf(spec(`${base}\ntags: [a, b`))[0]).toMatchObject({ field: "front matter", message: expect.stringContaining("invalid YAML") });
  });

  it("refuses a display name Discord would refuse for a webhook", () => {
    expect(problemsOf(spec(`${base}\ndisplay_name: Discord Helper`))[0]).toMatchObject({ field: "display_name" });
  });

  it("refuses a file without front matter or without a body", () => {
    expect(problemsOf("## Identity\nhi")[0]!.field).toBe("front matter");
    expect(problemsOf(spec(base, "\n\n"))[0]!.field).toBe("body");
  });
});

describe("variants and rendering", () => {
  it("keeps the variant id when only formatting or metadata changes", () => {
    const a = parseSpec(spec(`${base}\nauthor: me\ntraits: {warmth: 0.5, candor: 0.2}`), "a.md");
    const b = parseSpec(spec(`description: Another description.\nname: ada\ntraits:\n  candor: 0.2\n  warmth: 0.5`, "## Identity\nYou are Ada.   \n\n\n\n## Voice\nPlain words.\n\n"), "b.md");
    expect(variantId(a)).toBe(variantId(b));
  });

  it("changes the variant id when one sentence changes", () => {
    const a = parseSpec(spec(base), "a.md");
    const b = parseSpec(spec(base, "## Identity\nYou are Ada!\n\n## Voice\nPlain words.\n"), "b.md");
    expect(variantId(a)).not.toBe(variantId(b));
  });

  it("renders the same prompt for the same spec, with dials sorted and described", () => {
    const s = parseSpec(spec(`${base}\ntraits: {warmth: 0.9, candor: 0.1}`), "a.md");
    const prompt = renderSystemPrompt(s);
    expect(prompt).toBe(renderSystemPrompt(parseSpec(spec(`${base}\ntraits: {candor: 0.1, warmth: 0.9}`), "b.md")));
    expect(prompt.indexOf("## Identity")).toBeLessThan(prompt.indexOf("## Voice"));
    expect(prompt).toMatch(/- candor: 0.1 \(very low\)\n- warmth: 0.9 \(very high\)/);
  });
});

describe("loadPersonaDir", () => {
  it("skips a broken file with its path and field, and still loads the others", async () => {
    const dir = mkdtempSync(join(tmpdir(), "personas-"));
    writeFileSync(join(dir, "ada.md"), spec(base));
    writeFileSync(join(dir, "bad.md"), spec("name: bad\ndescription: x\ntemperature: hot"));
    writeFileSync(join(dir, "misnamed.md"), spec("name: other\ndescription: x"));
    writeFileSync(join(dir, "README.md"), "# not a persona");
    const { specs, problems } = await loadPersonaDir(dir);
    expect(specs.map((s) => s.spec.name)).toEqual(["ada"]);
    expect(problems).toEqual([
      expect.objectContaining({ path: join(dir, "bad.md"), field: "temperature" }),
      expect.objectContaining({ path: join(dir, "misnamed.md"), field: "name" }),
    ]);
  });

  it("loads every shipped persona without a problem", async () => {
    const { specs, problems } = await loadPersonaDir("personas");
    expect(problems).toEqual([]);
    expect(specs.length).toBeGreaterThanOrEqual(6);
  });
});
