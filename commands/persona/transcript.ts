import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { App } from "../../src/app.js";
import { UserFacingError } from "../../src/errors.js";
import { buildTranscript } from "../../src/sharing/buildTranscript.js";
import { transcriptHtml } from "../../src/sharing/transcriptHtml.js";
import { transcriptMarkdown } from "../../src/sharing/transcriptMarkdown.js";
import type { InteractionContext } from "../../src/platform.js";
import type { Subcommand } from "../types.js";

export type TranscriptFormat = "markdown" | "json" | "html";

const EXTENSION: Record<TranscriptFormat, string> = { markdown: "md", json: "json", html: "html" };

/** The thread's transcript as a file, sent to the person who asked only. */
export async function sendTranscript(ctx: InteractionContext, app: App, format: TranscriptFormat, anonymize: boolean): Promise<void> {
  if (!ctx.channel.isThread) throw new UserFacingError("Use this in a persona conversation or duel thread.");
  const transcript = buildTranscript(app.store, {
    threadId: ctx.channel.id, threadName: ctx.channel.name, channelId: ctx.channel.parentId ?? ctx.channel.id,
    server: { id: ctx.guildId, name: ctx.guildName }, anonymize,
  });
  const text = format === "json" ? `${JSON.stringify(transcript, null, 2)}\n` : format === "html" ? transcriptHtml(transcript) : transcriptMarkdown(transcript);
  const bytes = Buffer.byteLength(text);
  if (bytes > ctx.attachmentSizeLimit) {
    throw new UserFacingError(`This transcript is ${(bytes / 1048576).toFixed(1)} MiB, more than this server lets the bot upload (${(ctx.attachmentSizeLimit / 1048576).toFixed(0)} MiB). Nothing was posted.`);
  }
  const name = `transcript-${(ctx.channel.name ?? "thread").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "thread"}.${EXTENSION[format]}`;
  const count = transcript.messages.length;
  await ctx.reply({
    content: `${count} message${count === 1 ? "" : "s"}${anonymize ? ", members anonymized" : ""}. Only you can see this; share the file wherever you like.`,
    files: [{ name, data: text, description: "Conversation transcript" }],
    ephemeral: true,
  });
}

/** `/persona transcript`: the whole conversation with its provenance, as Markdown, JSON or HTML. */
export const transcriptSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "transcript",
    description: "Export this thread with its models, votes and spec",
    options: [
      {
        type: ApplicationCommandOptionType.String, name: "format", description: "Markdown (default), JSON or a self-contained HTML page",
        choices: [{ name: "markdown", value: "markdown" }, { name: "json", value: "json" }, { name: "html", value: "html" }],
      },
      { type: ApplicationCommandOptionType.Boolean, name: "anonymize", description: "Name members Member 1, 2… and drop Discord ids" },
    ],
  },
  async execute(ctx, app) {
    const format = (["json", "html"].includes(String(ctx.options.format)) ? ctx.options.format : "markdown") as TranscriptFormat;
    await ctx.defer({ ephemeral: true });
    await sendTranscript(ctx, app, format, ctx.options.anonymize === true);
  },
};
