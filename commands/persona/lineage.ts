import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { App } from "../../src/app.js";
import { familyNodes } from "../../src/lineage/familyNodes.js";
import { lineageText } from "../../src/lineage/lineageText.js";
import { renderLineageTree } from "../../src/lineage/renderLineageTree.js";
import type { Handler, Subcommand } from "../types.js";

/** A family by its name, or the family of a persona or variant. */
function familyOf(app: App, ref: string): string {
  const wanted = ref.trim().toLowerCase();
  if (app.store.variants.families().some((f) => f.family === wanted)) return wanted;
  return app.catalog.resolve(ref).family;
}

/** Families first (they are what the command shows), then personas by name. */
const autocompleteFamily: Handler = async (ctx, app) => {
  const q = (ctx.focused?.value ?? "").trim().toLowerCase();
  const families = app.store.variants.families().filter((f) => f.family.includes(q));
  await ctx.choices(families.slice(0, 25).map((f) => ({ name: `${f.family} — ${f.variants} variant${f.variants === 1 ? "" : "s"}`, value: f.family })));
};

/** `/persona lineage`: a family's fork tree with each variant's votes and duel rating, as text and a picture. */
export const lineageSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "lineage",
    description: "A persona family's fork tree, with votes and ratings",
    options: [{ type: ApplicationCommandOptionType.String, name: "persona", description: "A family, or any persona in it", required: true, autocomplete: true, max_length: 100 }],
  },
  autocomplete: autocompleteFamily,
  async execute(ctx, app) {
    const family = familyOf(app, String(ctx.options.persona ?? ""));
    await ctx.defer();
    const nodes = await familyNodes(app.store, family, { guildId: ctx.guildId, minBattles: app.config.duels.minBattles, bootstrap: app.config.duels.bootstrapRounds });
    const authors = new Set(nodes.map((n) => n.author ?? "unknown")).size;
    const subtitle = `${nodes.length} variant${nodes.length === 1 ? "" : "s"} by ${authors} author${authors === 1 ? "" : "s"} · ${ctx.guildId ? "votes from this server" : "all votes"}`;
    const png = await renderLineageTree(nodes, { title: `The ${family} family`, subtitle });
    await ctx.reply({
      embeds: [{ title: `The ${family} family`, description: `\`\`\`\n${lineageText(nodes)}\n\`\`\``, color: 0x5865f2, footer: { text: subtitle } }],
      files: [{ name: "lineage.png", data: png, description: `Fork tree of the ${family} family` }],
    });
  },
};
