import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { App } from "../../src/app.js";
import { importSpecFile, type ImportedSpec } from "../../src/cards/import.js";
import { isPng } from "../../src/cards/png.js";
import { UserFacingError } from "../../src/errors.js";
import { downloadUpload } from "../../src/personas/download.js";
import { nameProblem, publishVariant } from "../../src/personas/publish.js";
import { shortVariant } from "../../src/specs/variant.js";
import type { VariantRow } from "../../src/store/variants.js";
import type { Subcommand } from "../types.js";
import { shareMessage } from "./share.js";

/** The upload's own name, as a member would recognise it, safe inside inline code. */
const shownName = (filename: string) => (filename.split(/[/\\]/).pop() ?? "").replace(/[\p{Cc}`]/gu, "").slice(0, 80) || "a file";

/**
 * Whether the upload is a card (PNG or JSON) rather than our Markdown: a card's name only
 * suggests a slug, so `name:` replaces it before the card is read (a card named in another
 * script still imports), while a Markdown spec is renamed after it parsed.
 */
const isCard = (bytes: Buffer) => isPng(bytes) || /^\s*[{[]/.test(bytes.subarray(0, 1024).toString("utf8").replace(/^\uFEFF/, ""));

/**
 * Where an import joins the tree: the variant a personalab export was made from, when it
 * is in this database (a persona coming home); else the member's own persona of that name
 * (a new version); else nothing, and the import starts a family of its own.
 */
function importParent(app: App, imported: ImportedSpec, name: string): VariantRow | null {
  const home = imported.lineage && app.store.variants.get(imported.lineage.variantId);
  return home || app.store.variants.latestCommunity(name) || null;
}

/**
 * `/persona import`: a persona from a file — our Markdown spec, a Character Card V2/V3
 * JSON, or a PNG card — stored as a community variant and announced with its share card.
 * Every refusal is private and stores nothing; the announcement is public.
 */
export const importSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "import",
    description: "Add a persona from our Markdown, a card JSON or a PNG card",
    options: [
      { type: ApplicationCommandOptionType.Attachment, name: "file", description: "A .md spec, a card .json (V2 or V3) or a .png card", required: true },
      { type: ApplicationCommandOptionType.String, name: "name", description: "Import under this name instead", max_length: 32 },
    ],
  },
  async execute(ctx, app) {
    const file = ctx.attachments.file;
    if (!file) throw new UserFacingError("Attach the persona file to `file:`: a Markdown spec, a character card JSON, or a PNG card.");
    const typed = typeof ctx.options.name === "string" ? ctx.options.name.trim() : "";
    const requested = typed ? typed.toLowerCase() : undefined;
    // A name that can never be used is refused before the upload is even read.
    const problem = requested && nameProblem(app.store, requested, ctx.user.id, null, ctx.canManageServer);
    if (problem) throw new UserFacingError(problem);
    // Private until it is stored: a refusal edits this deferral, and only a success is announced.
    await ctx.defer({ ephemeral: true });
    const bytes = await downloadUpload(file);
    const imported = importSpecFile(bytes, file.name, isCard(bytes) ? { name: requested } : {});
    const spec = requested ? { ...imported.spec, name: requested } : imported.spec;
    const from = shownName(file.name);
    const variant = publishVariant(app.store, {
      spec, parent: importParent(app, imported, spec.name), author: ctx.user, credit: imported.spec.author, note: `Imported from ${from}`, canManage: ctx.canManageServer, outline: app.outline,
      cardExtras: imported.extras ? JSON.stringify(imported.extras) : null, image: imported.image ?? null,
    });
    app.logger.info({ variant: variant.id, by: ctx.user.id, format: imported.format, cardVersion: imported.cardVersion }, "persona imported");
    const label = shortVariant(variant.name, variant.id);
    await ctx.reply({ content: `Imported \`${label}\`. Talk with it: \`/persona try persona:${variant.name}\`.`, ephemeral: true });
    // The card's creator keeps the credit (the Author field); the importer is who may edit and hide it.
    const creator = imported.spec.author && imported.spec.author !== ctx.user.name ? ` (written by ${imported.spec.author})` : "";
    await ctx.followUp(await shareMessage(app, variant, {
      guildId: ctx.guildId, content: `**${ctx.user.name}** imported \`${label}\` from \`${from}\`${creator}.`.slice(0, 2000), notes: imported.warnings,
    }));
  },
};
