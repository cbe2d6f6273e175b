import { ApplicationCommandOptionType, ButtonStyle, ComponentType, type APIEmbed } from "discord-api-types/v10";
import { renderRankingChart } from "../../src/charts/rankingChart.js";
import { UserFacingError } from "../../src/errors.js";
import type { App } from "../../src/app.js";
import type { InteractionContext, OutgoingMessage } from "../../src/platform.js";
import { buildLeaderboard, leaderboardChart, type LeaderboardRow } from "../../src/votes/leaderboard.js";
import type { Handler, Subcommand } from "../types.js";
import { autocompletePersonaOrModel, modelOption } from "./options.js";

const PAGE_SIZE = 10;

interface View {
  page: number;
  scope: "server" | "all";
  family: string;
  model: string;
}

/** Buttons carry the whole view in their custom id (Discord allows 100 characters). */
function viewId(view: View): string {
  return `persona:lb:${view.page}:${view.scope}:${view.family}:${view.model}`;
}

function rowLine(r: LeaderboardRow): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return `**${r.rank}.** \`${r.label}\` · ${r.model}\n**${pct(r.share)}** (95% CI ${pct(r.lower)}–${pct(r.upper)}) · ${r.n} vote${r.n === 1 ? "" : "s"}${r.author ? ` · by ${r.author}` : ""}${r.provisional ? " · *provisional*" : ""}`;
}

function page(app: App, ctx: InteractionContext, view: View): { message: OutgoingMessage; rows: LeaderboardRow[]; subtitle: string } {
  if (view.scope === "server" && !ctx.guildId) throw new UserFacingError("Use scope `all` outside a server.");
  const rows = buildLeaderboard(app.store, {
    guildId: view.scope === "all" ? null : ctx.guildId, family: view.family || undefined, model: view.model || undefined, minVotes: app.config.votes.minVotes,
  });
  const subtitle = [view.scope === "all" ? "All servers" : "This server", view.family && `family ${view.family}`, view.model && `on ${view.model}`].filter(Boolean).join(" · ");
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, view.page), pages - 1);
  const embed: APIEmbed = {
    title: "Persona leaderboard",
    description: rows.length
      ? rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map(rowLine).join("\n\n")
      : "No votes yet. React 👍 or 👎 to persona replies in a `/persona try` thread to rank them.",
    color: 0x5865f2,
    footer: { text: `${subtitle} · page ${current + 1}/${pages} · ranked by the lower bound of the 95% interval; under ${app.config.votes.minVotes} votes is provisional` },
  };
  const buttons = [
    { ...view, page: current - 1, label: "Previous", disabled: current === 0 },
    { ...view, page: current + 1, label: "Next", disabled: current >= pages - 1 },
  ].map((b) => ({ type: ComponentType.Button as const, style: ButtonStyle.Secondary as const, label: b.label, custom_id: viewId(b), disabled: b.disabled }));
  const paged = pages > 1 && buttons.every((b) => b.custom_id.length <= 100);
  return { message: { embeds: [embed], components: paged ? [{ type: ComponentType.ActionRow, components: buttons }] : [] }, rows, subtitle };
}

/** `/persona leaderboard`: persona variants ranked by votes, as a table and a chart. */
export const leaderboardSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "leaderboard",
    description: "Rank persona variants by the community's votes",
    options: [
      { type: ApplicationCommandOptionType.String, name: "family", description: "Only this persona family (e.g. lantern)", max_length: 32 },
      { ...modelOption, description: "Only replies from this provider/model" },
      { type: ApplicationCommandOptionType.String, name: "scope", description: "This server (default) or all servers", choices: [{ name: "this server", value: "server" }, { name: "all servers", value: "all" }] },
    ],
  },
  autocomplete: autocompletePersonaOrModel,
  async execute(ctx, app) {
    await ctx.defer();
    const view: View = {
      page: 0, scope: ctx.options.scope === "all" ? "all" : "server",
      family: String(ctx.options.family ?? "").trim().toLowerCase(), model: String(ctx.options.model ?? "").trim(),
    };
    const { message, rows, subtitle } = page(app, ctx, view);
    const png = await renderRankingChart(leaderboardChart(rows, subtitle, app.config.votes.minVotes));
    await ctx.reply({ ...message, files: [{ name: "leaderboard.png", data: png, description: "Persona leaderboard chart" }] });
  },
};

/** The Previous / Next buttons: the same view, another page; the chart stays. */
export const leaderboardPageButton: Handler = async (ctx, app) => {
  const [pageText = "0", scope = "server", family = "", ...model] = ctx.customArgs;
  const { message } = page(app, ctx, { page: Number(pageText) || 0, scope: scope === "all" ? "all" : "server", family, model: model.join(":") });
  await ctx.update(message);
};
