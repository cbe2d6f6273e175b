import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { parseArgs } from "node:util";
import { confirm, input, select } from "@inquirer/prompts";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { applyPick, builderSteps, describeChoices, LEAVE_OUT, stepTitle } from "../builder/steps.js";
import { deriveFeatures } from "../features/deriveFeatures.js";
import { buildSpec, type BuildChoices } from "../outline/buildSpec.js";
import { loadOutline } from "../outline/loadOutline.js";
import type { Dial, Outline, OutlineSection } from "../outline/types.js";
import { formatProblem, SpecError } from "../specs/parse.js";
import { frontMatterSchema, type PersonaSpec } from "../specs/schema.js";
import { serializeSpec } from "../specs/serialize.js";

export const NEW_USAGE = `  new [--outline DIR] [--out DIR] [--answers FILE.yaml] [--force]
      Builds a persona from the constitution outline (default: personas/outline) the way
      /persona new does in Discord: a name, a block per section, a level per dial. Writes
      OUT/<name>.md (default: personas), refusing to replace a file unless --force. There is
      no going back a step in the terminal: Ctrl-C quits without writing, and you start again.
      --answers takes the picks from a YAML file instead of asking, for scripts
      (see personas/outline/answers.example.yaml).`;

type Writable = { write(text: string): unknown };

/** Where `new` reads keystrokes and writes; tests pass streams of their own. */
export interface NewIo {
  /** Keystrokes for the prompts. */
  input: NodeJS.ReadableStream;
  /** The prompts, the summary and the result. */
  output: NodeJS.WritableStream;
  /** Outline warnings and problems that stop the build. */
  err: Writable;
}

const fm = frontMatterSchema.shape;

/** An answers file: the front matter fields the builder asks for, checked by the spec's own rules, plus the picks. */
const answersSchema = frontMatterSchema
  .pick({ name: true, display_name: true, description: true, greeting: true, author: true, tags: true })
  .extend({
    blocks: z.record(z.string(), z.string({ error: "must be a block id, or null to leave it out" }).nullable(), { error: "must be a mapping of section: block" }).default({}),
    dials: z.record(z.string(), z.number({ error: "must be the value of one of the dial's levels, e.g. 0.7" }), { error: "must be a mapping of dial: value" }).default({}),
  })
  .strict();

/**
 * Reads an answers file's text as builder choices. Only the shape is checked here;
 * whether the outline offers each section, block and dial value is `buildSpec`'s to say.
 *
 * @example choicesFromAnswers("name: kind-tutor\ndescription: A tutor.\nblocks: { honesty: examples }\n", "answers.yaml").blocks // { honesty: "examples" }
 * @throws SpecError naming the field, with `path` as the file
 */
export function choicesFromAnswers(text: string, path: string): BuildChoices {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SpecError(doc.errors.map((e) => ({ path, field: "answers", message: `invalid YAML: ${e.message.split("\n")[0]}`, line: lineCounter.linePos(e.pos[0]).line })));
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== "object" || Array.isArray(data)) throw new SpecError([{ path, field: "answers", message: "must be a YAML mapping of name, description, blocks and dials" }]);
  const result = answersSchema.safeParse(data);
  if (!result.success) {
    throw new SpecError(
      result.error.issues.map((issue) =>
        issue.code === "unrecognized_keys"
          ? { path, field: issue.keys.join(", "), message: `unknown field (known: ${Object.keys(answersSchema.shape).join(", ")})` }
          : { path, field: issue.path.map(String).join(".") || "answers", message: issue.message },
      ),
    );
  }
  const a = result.data;
  return { name: a.name, displayName: a.display_name, description: a.description, greeting: a.greeting, author: a.author, tags: a.tags, blocks: a.blocks, dials: a.dials };
}

/**
 * `npm run cli -- new`: builds a persona spec from the outline, by prompts or from
 * `--answers`, and writes it to `<out>/<name>.md`. Returns the exit code: 0 written,
 * 1 refused (bad answers, an existing file, nothing loaded, declined), 2 bad usage,
 * 130 cancelled with Ctrl-C. Nothing is written unless the build succeeds.
 *
 * @example await runNew(["--answers", "personas/outline/answers.example.yaml", "--out", "/tmp/personas"]) // 0
 */
export async function runNew(args: string[], io: NewIo = { input: process.stdin, output: process.stdout, err: process.stderr }): Promise<number> {
  let options: { outline: string; out: string; answers?: string; force: boolean };
  try {
    options = parseArgs({
      args,
      options: { outline: { type: "string", default: "personas/outline" }, out: { type: "string", default: "personas" }, answers: { type: "string" }, force: { type: "boolean", default: false } },
    }).values;
  } catch (error) {
    io.err.write(`${(error as Error).message}\nUsage: npm run cli -- ${NEW_USAGE.trimStart()}\n`);
    return 2;
  }
  const { outline, problems } = await loadOutline(options.outline);
  for (const p of problems) io.err.write(`${formatProblem(p)}\n`);
  if (outline.sections.length === 0 && outline.dials.length === 0) {
    io.err.write(`${options.outline}: nothing loaded; --outline must be a folder with sections/ and dials/.\n`);
    return 1;
  }
  if (problems.length > 0) io.err.write("Going on without the outline files above.\n");
  return options.answers === undefined ? buildInteractively(outline, options, io) : buildFromAnswers(outline, { ...options, answers: options.answers }, io);
}

/** Answers mode: no prompts; any problem is printed against the answers file and nothing is written. */
async function buildFromAnswers(outline: Outline, options: { out: string; answers: string; force: boolean }, io: NewIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(options.answers, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    io.err.write(`${options.answers}: no such file\n`);
    return 2;
  }
  const spec = buildOrReport(outline, () => choicesFromAnswers(text, options.answers), options.answers, io);
  return spec ? writeSpec(spec, outline, options, io) : 1;
}

/** Interactive mode: every step of `builderSteps`, a summary, then a confirmation before writing. */
async function buildInteractively(outline: Outline, options: { out: string; force: boolean }, io: NewIo): Promise<number> {
  try {
    const choices = await askChoices(outline, options, io);
    const path = join(options.out, `${choices.name}.md`);
    const spec = buildOrReport(outline, () => choices, path, io);
    if (!spec) return 1;
    const steps = builderSteps(outline);
    io.output.write(`\nStep ${steps.length} of ${steps.length} · Preview\n${spec.displayName} (${spec.name}): ${spec.description}\n`);
    for (const line of describeChoices(outline, choices)) io.output.write(`  ${line}\n`);
    io.output.write(`About ${deriveFeatures(spec, outline).tokens} tokens of system prompt.\n`);
    if (!(await confirm({ message: `Write ${path}?`, default: true }, promptContext(io)))) {
      io.output.write("Nothing written.\n");
      return 1;
    }
    return await writeSpec(spec, outline, options, io);
  } catch (error) {
    // Inquirer's documented way to recognise Ctrl-C; the class is not exported by @inquirer/prompts.
    if (!(error instanceof Error && error.name === "ExitPromptError")) throw error;
    io.err.write("\nCancelled: nothing written.\n");
    return 130;
  }
}

/** The name, description and greeting, then a block per section and a level per dial, in the shared step order. */
async function askChoices(outline: Outline, options: { out: string; force: boolean }, io: NewIo): Promise<BuildChoices> {
  const ask = (message: string, validate: (value: string) => string | true) => input({ message, validate }, promptContext(io)).then((v) => v.trim() || undefined);
  const name = (await ask("Name (2–32 lowercase letters, digits and hyphens, e.g. kind-critic):", (v) => checkName(v, options)))!.toLowerCase();
  const displayName = await ask("Display name (optional; Enter to use the name):", check(fm.display_name));
  const description = (await ask("One-line description (what this persona is for):", check(fm.description, true)))!;
  const greeting = await ask("Greeting, the first thing it says in a new thread (optional):", check(fm.greeting));
  let choices: BuildChoices = { name, displayName, description, greeting, blocks: {}, dials: {} };
  const steps = builderSteps(outline);
  for (const [i, step] of steps.entries()) {
    if (step.kind === "preview") continue;
    io.output.write(`\nStep ${i + 1} of ${steps.length} · ${stepTitle(step)}\n`);
    if (step.kind === "section") {
      io.output.write(`${step.section.description}\n`);
      const block = await select({ message: `${step.section.title}: choose a block`, choices: blockChoices(step.section) }, promptContext(io));
      choices = applyPick(choices, { section: step.section.id, block });
      continue;
    }
    for (const dial of step.dials) {
      io.output.write(`${dial.description}\n`);
      const value = await select({ message: `${dial.label}: choose a level`, choices: levelChoices(dial) }, promptContext(io));
      choices = applyPick(choices, { dial: dial.id, value });
    }
  }
  return choices;
}

/** The spec's own rule for a name, and, without --force, a refusal of a name whose file exists (before all the steps, not after). */
function checkName(value: string, options: { out: string; force: boolean }): string | true {
  const name = value.trim().toLowerCase();
  const result = fm.name.safeParse(name);
  if (!result.success) return result.error.issues[0]?.message ?? "is not a valid name";
  const path = join(options.out, `${name}.md`);
  return options.force || !existsSync(path) || `${path} already exists: choose another name, or run with --force to replace it`;
}

/** A prompt validator from a front matter field's schema; an empty answer passes unless `required`. */
function check(schema: z.ZodType, required = false): (value: string) => string | true {
  return (value) => {
    if (!value.trim() && !required) return true;
    const result = schema.safeParse(value.trim());
    return result.success || (result.error.issues[0]?.message ?? "is not valid");
  };
}

/** A section's blocks as select choices ("examples · examples, original, rich", the summary below), then "leave out". */
function blockChoices(section: OutlineSection) {
  return [
    ...section.blocks.map((b) => ({ value: b.id, name: `${b.id} · ${b.tags.join(", ")}`, short: b.id, description: b.summary })),
    { value: LEAVE_OUT, name: "leave out", description: `No "${section.title}" section in the spec.` },
  ];
}

/** A dial's levels as select choices ("warm (0.7) — You are warm. You take an…", the whole text below), then "leave unset". */
function levelChoices(dial: Dial) {
  return [
    ...dial.levels.map((l) => ({ value: String(l.value), name: `${l.label} (${l.value}) — ${firstWords(l.text)}`, short: `${l.label} (${l.value})`, description: l.text })),
    { value: LEAVE_OUT, name: "leave unset", description: `No ${dial.id} trait and no ${dial.label} paragraph in the spec.` },
  ];
}

/** The start of a text, cut at a word, so a choice fits on one 80-column line. */
function firstWords(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, flat.lastIndexOf(" ", max))}…`;
}

/**
 * The prompts' streams. Inquirer ends the output stream it is given when a prompt
 * finishes (unless it is stdout or stderr), so any other output reaches each prompt
 * through a throwaway pass-through, and the next prompt can still write to it.
 */
function promptContext(io: NewIo): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } {
  if (io.output === process.stdout) return { input: io.input, output: io.output };
  const output = new PassThrough();
  output.on("data", (chunk: Buffer) => io.output.write(chunk));
  return { input: io.input, output };
}

/**
 * Builds the spec, or prints the problems and returns undefined. Problems are pointed at
 * `path`, the file the person can fix, in its terms: `buildSpec`'s "choices" path and
 * the generated file's lines and body would mean nothing to them.
 */
function buildOrReport(outline: Outline, choices: () => BuildChoices, path: string, io: NewIo): PersonaSpec | undefined {
  try {
    return buildSpec(outline, choices());
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    for (const p of error.problems) {
      const { field, message } = p.field === "body" && p.message.startsWith("is empty") ? { field: "blocks", message: "every section is left out and no dial is set: pick at least one" } : p;
      io.err.write(`${formatProblem(p.path === path ? p : { path, field, message })}\n`);
    }
    return undefined;
  }
}

/** Writes the spec (never over an existing file without --force) and says what to do next. */
async function writeSpec(spec: PersonaSpec, outline: Outline, options: { out: string; force: boolean }, io: NewIo): Promise<number> {
  const path = join(options.out, `${spec.name}.md`);
  await mkdir(options.out, { recursive: true });
  try {
    await writeFile(path, serializeSpec(spec), { flag: options.force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    io.err.write(`${path} already exists: choose another name, or run with --force to replace it.\n`);
    return 1;
  }
  io.output.write(
    `Wrote ${path} (about ${deriveFeatures(spec, outline).tokens} tokens of system prompt).\n` +
      `Next: npm run cli -- validate ${options.out}; then restart the bot, or /persona try persona:${spec.name}, to talk to it.\n`,
  );
  return 0;
}
