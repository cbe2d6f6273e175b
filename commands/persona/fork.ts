import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { App } from "../../src/app.js";
import { importSpecFile } from "../../src/cards/import.js";
import { UserFacingError } from "../../src/errors.js";
import { personaCard } from "../../src/personas/card.js";
import { downloadUpload } from "../../src/personas/download.js";
import { formProblem, forkForm, ForkFormError, specFromForm } from "../../src/personas/forkForm.js";
import { defaultForkName, nameProblem, publishVariant } from "../../src/personas/publish.js";
import type { InteractionContext, OutgoingMessage } from "../../src/platform.js";
import { serializeSpec } from "../../src/specs/serialize.js";
import { shortVariant } from "../../src/specs/variant.js";
import type { VariantRow } from "../../src/store/variants.js";
import type { Handler, Subcommand } from "../types.js";
import { autocompletePersonaOrModel, personaOption } from "./options.js";
import { openQuickFork } from "./quickFork.js";

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** The name a fork will take, checked before anyone types a word into the form. */
function forkName(ctx: InteractionContext, app: App, parent: VariantRow, requested: string | undefined): string {
  const name = requested?.toLowerCase() ?? defaultForkName(app.store, parent, ctx.user);
  const problem = nameProblem(app.store, name, ctx.user.id, parent, ctx.canManageServer);
  if (problem) throw new UserFacingError(problem);
  return name;
}

/**
 * Opens the fork form, filled in with the parent's text, or, when the spec is longer than
 * a form holds, sends its file to edit and fork with `file:` instead.
 */
export async function openForkForm(ctx: InteractionContext, app: App, parent: VariantRow, options: { name?: string; note?: string }): Promise<void> {
  const name = forkName(ctx, app, parent, options.name);
  const tooLong = formProblem(parent.spec);
  if (tooLong) {
    await ctx.reply({
      content: `\`${parent.name}\` can't be edited in a form: ${tooLong}. Edit the attached file, then run \`/persona fork persona:${parent.name} file:\` with it.`,
      files: [{ name: `${parent.name}.md`, data: parent.source }],
      ephemeral: true,
    });
    return;
  }
  const draft = app.store.forkDrafts.create({ userId: ctx.user.id, parentId: parent.id, name, note: options.note ?? null });
  await ctx.showModal(forkForm(parent, `persona:forksave:${draft}`, options.note));
}

/** The public announcement of a new variant: who forked what, why, and its card. */
export function forkAnnouncement(app: App, ctx: InteractionContext, parent: VariantRow, variant: VariantRow): OutgoingMessage {
  const why = variant.note ? `: “${variant.note}”` : "";
  return {
    content: `**${ctx.user.name}** forked \`${shortVariant(parent.name, parent.id)}\` as \`${shortVariant(variant.name, variant.id)}\`${why}. Try it with \`/persona try persona:${variant.name}\`.`,
    embeds: [personaCard(variant, { model: variant.spec.model ?? app.config.defaultModel })],
  };
}

/** `/persona fork`: a new variant from an existing one, edited in a form or uploaded as a file. */
export const forkSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "fork",
    description: "Your own variant of a persona: edit it in a form, or upload a file",
    options: [
      personaOption,
      { type: ApplicationCommandOptionType.String, name: "name", description: "Name for your variant (default: yours, e.g. lantern-alice)", max_length: 32 },
      { type: ApplicationCommandOptionType.String, name: "note", description: "What you changed and why (shown in the lineage)", max_length: 200 },
      { type: ApplicationCommandOptionType.Attachment, name: "file", description: "An edited spec file (.md, card .json or .png) for longer edits" },
      { type: ApplicationCommandOptionType.Boolean, name: "quick", description: "Change one dial or block from menus (built personas)" },
    ],
  },
  autocomplete: autocompletePersonaOrModel,
  async execute(ctx, app) {
    const parent = app.catalog.resolve(String(ctx.options.persona ?? ""));
    const file = ctx.attachments.file;
    if (ctx.options.quick === true && !file) {
      await openQuickFork(ctx, app, parent, { name: forkName(ctx, app, parent, text(ctx.options.name)), note: text(ctx.options.note) });
      return;
    }
    if (!file) {
      await openForkForm(ctx, app, parent, { name: text(ctx.options.name), note: text(ctx.options.note) });
      return;
    }
    const requested = text(ctx.options.name);
    if (requested) forkName(ctx, app, parent, requested);
    await ctx.defer({ ephemeral: true });
    const imported = importSpecFile(await downloadUpload(file), file.name, { name: requested });
    // The file's own name counts only when it is free for this member; else the default a form would get.
    const fileName = imported.spec.name;
    const usable = fileName !== parent.name && !nameProblem(app.store, fileName, ctx.user.id, parent, ctx.canManageServer);
    const name = forkName(ctx, app, parent, requested ?? (usable ? fileName : undefined));
    const variant = publishVariant(app.store, {
      spec: { ...imported.spec, name }, parent, author: ctx.user, note: text(ctx.options.note), canManage: ctx.canManageServer, outline: app.outline,
      cardExtras: imported.extras ? JSON.stringify(imported.extras) : null, image: imported.image ?? null,
    });
    const notes = imported.warnings.length ? `\n${imported.warnings.map((w) => `-# ${w}`).join("\n")}` : "";
    await ctx.reply({ content: `Saved \`${shortVariant(variant.name, variant.id)}\`.${notes}`.slice(0, 2000), ephemeral: true });
    await ctx.followUp(forkAnnouncement(app, ctx, parent, variant));
  },
};

/** The submitted fork form (`persona:forksave:<draft>`): saved and announced, or refused with the member's text kept. */
export const forkSaveForm: Handler = async (ctx, app) => {
  const draft = app.store.forkDrafts.get(Number(ctx.customArgs[0]), ctx.user.id);
  const parent = draft && app.store.variants.get(draft.parentId);
  if (!draft || !parent) throw new UserFacingError("This form has expired. Run `/persona fork` again.");
  let text: string | undefined;
  try {
    const spec = specFromForm(parent, draft.name, ctx.fields);
    text = serializeSpec(spec);
    const note = ctx.fields.note?.trim() || draft.note || undefined;
    const variant = publishVariant(app.store, { spec, parent, author: ctx.user, note, canManage: ctx.canManageServer, outline: app.outline });
    app.store.forkDrafts.remove(draft.id);
    await ctx.reply(forkAnnouncement(app, ctx, parent, variant));
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    // Nothing typed is lost: the member gets their text back as a file to fix and upload.
    const kept = error instanceof ForkFormError ? error.draft : (text ?? formText(ctx.fields));
    await ctx.reply({ content: `⚠️ ${error.message}`.slice(0, 2000), files: [{ name: `${draft.name}.draft.md`, data: kept }], ephemeral: true });
  }
};

/** What the member typed, when it parsed but could not be saved (e.g. a name clash in the meantime). */
function formText(fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields).map(([k, v]) => `## ${k}\n\n${v}`).join("\n\n");
}
