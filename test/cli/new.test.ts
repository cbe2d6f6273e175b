import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { builderSteps } from "../../src/builder/steps.js";
import { choicesFromAnswers, runNew } from "../../src/cli/newPersona.js";
import { deriveFeatures } from "../../src/features/deriveFeatures.js";
import { buildSpec, type BuildChoices } from "../../src/outline/buildSpec.js";
import { loadOutline } from "../../src/outline/loadOutline.js";
import type { Outline } from "../../src/outline/types.js";
import { parseSpec } from "../../src/specs/parse.js";
import { serializeSpec } from "../../src/specs/serialize.js";

const EXAMPLE = "personas/outline/answers.example.yaml";
let outline: Outline;
beforeAll(async () => {
  outline = (await loadOutline("personas/outline")).outline;
});

const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/**
 * A terminal for the real prompts: keystrokes go in through `input`, and `type` waits
 * until a prompt has drawn `text` (past whatever it last waited for) before typing.
 */
function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  const err: string[] = [];
  let screen = "";
  let seen = 0;
  output.on("data", (chunk: Buffer) => (screen += chunk.toString()));
  async function type(text: string, keys: string): Promise<void> {
    for (let tries = 0; ; tries++) {
      const at = stripVTControlCharacters(screen).indexOf(text, seen);
      if (at >= 0) {
        seen = at + text.length;
        input.write(keys);
        return;
      }
      if (tries > 1000) throw new Error(`the prompt never showed ${JSON.stringify(text)}; after the last answer it showed:\n${stripVTControlCharacters(screen).slice(seen)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return { io: { input, output, err: { write: (t: string) => err.push(t) } }, type, screen: () => stripVTControlCharacters(screen), err };
}

const DOWN = "\x1b[B";
const BACKSPACE = "\x7f";
const CTRL_C = "\x03";

/** Answers every section and dial step with arrow keys: `picks` names a block or dial value, anything else is left out. */
async function answerSteps(type: (text: string, keys: string) => Promise<void>, picks: BuildChoices): Promise<void> {
  for (const step of builderSteps(outline)) {
    if (step.kind === "section") {
      const block = picks.blocks[step.section.id];
      const index = block ? step.section.blocks.findIndex((b) => b.id === block) : step.section.blocks.length;
      await type(`${step.section.title}: choose a block`, `${DOWN.repeat(index)}\r`);
    }
    if (step.kind === "dials") {
      for (const dial of step.dials) {
        const value = picks.dials[dial.id];
        const index = value === undefined ? dial.levels.length : dial.levels.findIndex((l) => l.value === value);
        await type(`${dial.label}: choose a level`, `${DOWN.repeat(index)}\r`);
      }
    }
  }
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { input: new PassThrough(), output: new PassThrough().on("data", (c: Buffer) => out.push(c.toString())), err: { write: (t: string) => err.push(t) } }, out, err };
}

function answersFile(text: string): string {
  const path = join(tempDir("answers-"), "answers.yaml");
  writeFileSync(path, text);
  return path;
}

describe("new --answers", () => {
  it("writes a spec that parses back into what buildSpec makes of the same picks", async () => {
    const answers = answersFile(
      ["name: candid-coach", "description: A coach who says what is not working.", "blocks:", "  honesty: socratic", "  care: terse", "  voice: null", "dials:", "  warmth: 0.3", "  candor: 0.95", ""].join("\n"),
    );
    const out = tempDir("built-");
    const { io, out: printed, err } = capture();
    expect(await runNew(["--answers", answers, "--out", out], io)).toBe(0);
    const expected = buildSpec(outline, {
      name: "candid-coach",
      description: "A coach who says what is not working.",
      blocks: { honesty: "socratic", care: "terse", voice: null },
      dials: { warmth: 0.3, candor: 0.95 },
    });
    const path = join(out, "candid-coach.md");
    expect(parseSpec(readFileSync(path, "utf8"), path)).toEqual(expected);
    expect(printed.join("")).toContain(`Wrote ${path} (about ${deriveFeatures(expected, outline).tokens} tokens of system prompt).\n`);
    expect(printed.join("")).toContain("/persona try persona:candid-coach");
    expect(err).toEqual([]);
  });

  it("builds the example answers file from real blocks and dial values", async () => {
    const choices = choicesFromAnswers(readFileSync(EXAMPLE, "utf8"), EXAMPLE);
    expect(Object.keys(choices.blocks).length).toBeGreaterThan(5);
    const spec = buildSpec(outline, choices);
    expect(spec.traits).toMatchObject({ warmth: 0.7, candor: 0.8 });
    const out = tempDir("example-");
    const { io } = capture();
    expect(await runNew(["--answers", EXAMPLE, "--out", out], io)).toBe(0);
    expect(readFileSync(join(out, `${choices.name}.md`), "utf8")).toBe(serializeSpec(spec));
  });

  it("refuses a block or level the outline doesn't offer, naming the field, and writes nothing", async () => {
    const answers = answersFile(["name: bad-picks", "description: x", "blocks: { honesty: x }", "dials: { warmth: 0.6 }", ""].join("\n"));
    const out = tempDir("refused-");
    const { io, err } = capture();
    expect(await runNew(["--answers", answers, "--out", out], io)).toBe(1);
    const honesty = outline.sections.find((s) => s.id === "honesty")!.blocks.map((b) => b.id).join(", ");
    expect(err.join("")).toBe(`${answers}: blocks.honesty: no block "x" (blocks: ${honesty})\n${answers}: dials.warmth: 0.6 is not one of its levels (0.1, 0.3, 0.5, 0.7, 0.9)\n`);
    expect(readdirSync(out)).toEqual([]);
  });

  it("refuses a file without a description, or with a misspelt field, and writes nothing", async () => {
    const answers = answersFile(["name: no-description", "blocks: { honesty: terse }", "dails: { warmth: 0.7 }", ""].join("\n"));
    const out = tempDir("refused-");
    const { io, err } = capture();
    expect(await runNew(["--answers", answers, "--out", out], io)).toBe(1);
    expect(err.join("").split("\n").sort()).toEqual([
      "",
      `${answers}: dails: unknown field (known: name, display_name, description, greeting, author, tags, blocks, dials)`,
      `${answers}: description: required: one line saying what this persona is for`,
    ]);
    expect(readdirSync(out)).toEqual([]);
  });

  it("points at the line of a YAML mistake, and refuses a persona with nothing picked", async () => {
    const broken = answersFile("name: typo\ndescription: [unclosed\n");
    const empty = answersFile("name: nothing-picked\ndescription: Everything left out.\nblocks: { identity: null }\n");
    const out = tempDir("refused-");
    const { io, err } = capture();
    expect(await runNew(["--answers", broken, "--out", out], io)).toBe(1);
    expect(await runNew(["--answers", empty, "--out", out], io)).toBe(1);
    expect(err.join("")).toMatch(new RegExp(`^${broken}:3: answers: invalid YAML: .+\\n${empty}: blocks: every section is left out and no dial is set: pick at least one\\n$`));
    expect(readdirSync(out)).toEqual([]);
  });

  it("won't replace an existing file without --force, and replaces it with", async () => {
    const out = tempDir("existing-");
    const path = join(out, "kind-tutor.md");
    writeFileSync(path, "hand-written\n");
    const first = capture();
    expect(await runNew(["--answers", EXAMPLE, "--out", out], first.io)).toBe(1);
    expect(first.err.join("")).toBe(`${path} already exists: choose another name, or run with --force to replace it.\n`);
    expect(readFileSync(path, "utf8")).toBe("hand-written\n");
    expect(await runNew(["--answers", EXAMPLE, "--out", out, "--force"], capture().io)).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(serializeSpec(buildSpec(outline, choicesFromAnswers(readFileSync(EXAMPLE, "utf8"), EXAMPLE))));
  });

  it("warns about broken outline files and goes on with the rest; with nothing loaded it stops", async () => {
    const dir = tempDir("outline-");
    cpSync("personas/outline", dir, { recursive: true });
    writeFileSync(join(dir, "dials", "playfulness.yaml"), "id: playfulness\nlevels: []\n");
    const out = tempDir("built-");
    const { io, err } = capture();
    expect(await runNew(["--outline", dir, "--answers", EXAMPLE, "--out", out], io)).toBe(0);
    expect(err.join("")).toMatch(new RegExp(`^${join(dir, "dials", "playfulness.yaml").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(:\\d+)?: \\w+: .+\\n`));
    expect(err.join("")).toMatch(/Going on without the outline files above\.\n$/);
    expect(existsSync(join(out, "kind-tutor.md"))).toBe(true);

    const empty = tempDir("no-outline-");
    const none = capture();
    expect(await runNew(["--outline", empty, "--answers", EXAMPLE, "--out", out, "--force"], none.io)).toBe(1);
    expect(none.err.join("")).toContain(`${empty}: nothing loaded; --outline must be a folder with sections/ and dials/.\n`);
  });

  it("refuses unknown options with the usage, exit 2", async () => {
    const { io, err } = capture();
    expect(await runNew(["--anwsers", EXAMPLE], io)).toBe(2);
    expect(err.join("")).toContain("Usage: npm run cli -- new [--outline DIR] [--out DIR] [--answers FILE.yaml] [--force]");
  });

  it("is a command of the CLI", () => {
    const out = tempDir("cli-");
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", "new", "--answers", EXAMPLE, "--out", out], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Wrote ${join(out, "kind-tutor.md")} \\(about \\d+ tokens`));
  });
});

describe("new, in the terminal", () => {
  it("asks for a name and each step with the real prompts, shows a summary and writes the spec", async () => {
    const out = tempDir("typed-");
    const term = terminal();
    const running = runNew(["--out", out], term.io);
    const picks: BuildChoices = {
      name: "kind-tutor",
      displayName: "Wren",
      description: "A tutor who is candid but kind.",
      blocks: { identity: "portrait", honesty: "examples", care: "shown", voice: null, examples: "dialogue" },
      dials: { warmth: 0.7, candor: 0.8, verbosity: 0.2 },
    };
    await term.type("Name (", `Bad Name\r`);
    await term.type("must be a slug", `${BACKSPACE.repeat(8)}kind-tutor\r`);
    await term.type("Display name", "Wren\r");
    await term.type("One-line description", "\r");
    await term.type("must not be empty", `${picks.description}\r`);
    await term.type("Greeting", "\r");
    await answerSteps(term.type, picks);
    const path = join(out, "kind-tutor.md");
    await term.type(`Write ${path}?`, "y\r");
    expect(await running).toBe(0);

    const spec = buildSpec(outline, { ...picks, blocks: { ...picks.blocks, nature: null, values: null, relationship: null, boundaries: null } });
    expect(readFileSync(path, "utf8")).toBe(serializeSpec(spec));
    const screen = term.screen();
    expect(screen).toContain("Wren (kind-tutor): A tutor who is candid but kind.\n  Identity: portrait\n  Honesty and disagreement: examples\n");
    expect(screen).toContain("  Warmth: warm (0.7)\n  Candor: frank (0.8)\n");
    expect(screen).toContain(`About ${deriveFeatures(spec, outline).tokens} tokens of system prompt.`);
    expect(screen).toContain(`Wrote ${path}`);
    expect(term.err).toEqual([]);
  });

  it("refuses a name whose file exists, and Ctrl-C quits with 130 writing nothing", async () => {
    const out = tempDir("cancel-");
    writeFileSync(join(out, "taken.md"), "hand-written\n");
    const term = terminal();
    const running = runNew(["--out", out], term.io);
    await term.type("Name (", "taken\r");
    await term.type(`${join(out, "taken.md")} already exists`, `${BACKSPACE.repeat(5)}fresh\r`);
    await term.type("Display name", "\r");
    await term.type("One-line description", "Never finished.\r");
    await term.type("Greeting", "\r");
    await term.type("Identity: choose a block", CTRL_C);
    expect(await running).toBe(130);
    expect(term.err.join("")).toBe("\nCancelled: nothing written.\n");
    expect(readdirSync(out)).toEqual(["taken.md"]);
    expect(readFileSync(join(out, "taken.md"), "utf8")).toBe("hand-written\n");
  });

  it("writes nothing when the summary is declined", async () => {
    const out = tempDir("declined-");
    const term = terminal();
    const running = runNew(["--out", out], term.io);
    await term.type("Name (", "second-thoughts\r");
    await term.type("Display name", "\r");
    await term.type("One-line description", "Not this one.\r");
    await term.type("Greeting", "\r");
    await answerSteps(term.type, { name: "", description: "", blocks: { identity: "companion" }, dials: {} });
    await term.type("Write ", "n\r");
    expect(await running).toBe(1);
    expect(term.screen()).toContain("Nothing written.");
    expect(readdirSync(out)).toEqual([]);
  });
});
