import { ApplicationCommandOptionType, ButtonStyle, ComponentType } from "discord-api-types/v10";
import type { App } from "../../src/app.js";
import { UserFacingError } from "../../src/errors.js";
import type { InteractionContext } from "../../src/platform.js";
import { renderExchange } from "../../src/screenshots/index.js";
import { exchangeShot, type ShotSelection } from "../../src/sharing/exchangeShot.js";
import type { Handler, Subcommand } from "../types.js";

interface ShotOptions extends ShotSelection {
  anonymize: boolean;
}

/** The stored turn behind a message link or id in this thread. */
function turnOf(app: App, ref: string): number {
  const id = /(\d{17,20})\/?$/.exec(ref.trim())?.[1];
  const turn = id ? app.store.messages.byDiscordId(id) : undefined;
  if (!turn) throw new UserFacingError(`\`${ref.slice(0, 60)}\` is not a message of this conversation. Use a message link (More → Copy Message Link) or id.`);
  return turn.id;
}

async function render(ctx: InteractionContext, app: App, options: ShotOptions) {
  if (!ctx.channel.isThread) throw new UserFacingError("Use this in a persona conversation or duel thread.");
  const { shot, range } = exchangeShot(
    app.store,
    { threadId: ctx.channel.id, threadName: ctx.channel.name, channelId: ctx.channel.parentId ?? ctx.channel.id, server: { id: ctx.guildId, name: ctx.guildName }, anonymize: options.anonymize },
    options,
  );
  return { png: await renderExchange(shot), range, shot };
}

/** Renders the screenshot privately first, with buttons to post it: nothing is shared by accident. */
export async function sendScreenshot(ctx: InteractionContext, app: App, options: ShotOptions): Promise<void> {
  const { png, range, shot } = await render(ctx, app, options);
  const args = `${range[0]}:${range[1]}:${options.theme === "light" ? "l" : "d"}:${options.anonymize ? 1 : 0}`;
  const showcase = ctx.guildId ? app.store.guildSettings.showcase(ctx.guildId) : null;
  const cut = shot.omitted ? ` The ${shot.omitted} oldest message${shot.omitted === 1 ? " was" : "s were"} left out (12 at most).` : "";
  await ctx.reply({
    content: `Here is your screenshot. Only you can see it until you post it.${cut}`,
    files: [{ name: "exchange.png", data: png, description: "Screenshot of a persona exchange" }],
    components: [{
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Primary, label: "Post to channel", custom_id: `persona:shotpost:c:${args}` },
        ...(showcase ? [{ type: ComponentType.Button as const, style: ButtonStyle.Secondary as const, label: "Post to showcase", custom_id: `persona:shotpost:s:${args}` }] : []),
      ],
    }],
    ephemeral: true,
  });
}

/** "Post to channel" / "Post to showcase" under a private screenshot: rendered again and posted publicly. */
export const postScreenshotButton: Handler = async (ctx, app) => {
  const [where = "c", from = "", to = "", theme = "d", anon = "0"] = ctx.customArgs;
  await ctx.deferUpdate();
  const target = where === "s" ? (ctx.guildId ? app.store.guildSettings.showcase(ctx.guildId) : null) : ctx.channel.parentId;
  if (!target) throw new UserFacingError("This server has no showcase channel any more.");
  const { png } = await render(ctx, app, { fromTurn: Number(from), toTurn: Number(to), theme: theme === "l" ? "light" : "dark", anonymize: anon === "1" });
  await app.platform.send(target, {
    content: `Shared by **${ctx.user.name}** from <#${ctx.channel.id}>`,
    files: [{ name: "exchange.png", data: png, description: "Screenshot of a persona exchange" }],
  });
  await ctx.update({ content: `Posted to <#${target}>.`, components: [] });
};

/** `/persona screenshot`: a picture of an exchange in this thread, to post here or anywhere. */
export const screenshotSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "screenshot",
    description: "A picture of an exchange in this thread, to share",
    options: [
      { type: ApplicationCommandOptionType.String, name: "from", description: "First message: a link or id (default: what the reply answers)", max_length: 200 },
      { type: ApplicationCommandOptionType.String, name: "to", description: "Last message: a link or id (default: the latest reply)", max_length: 200 },
      { type: ApplicationCommandOptionType.String, name: "theme", description: "Dark (default) or light", choices: [{ name: "dark", value: "dark" }, { name: "light", value: "light" }] },
      { type: ApplicationCommandOptionType.Boolean, name: "anonymize", description: "Show members as Member 1, Member 2…" },
    ],
  },
  async execute(ctx, app) {
    const from = typeof ctx.options.from === "string" ? turnOf(app, ctx.options.from) : undefined;
    const to = typeof ctx.options.to === "string" ? turnOf(app, ctx.options.to) : undefined;
    await ctx.defer({ ephemeral: true });
    await sendScreenshot(ctx, app, { fromTurn: from, toTurn: to, theme: ctx.options.theme === "light" ? "light" : "dark", anonymize: ctx.options.anonymize === true });
  },
};
