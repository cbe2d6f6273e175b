import {
  ComponentType,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from "discord.js";
import type { InteractionContext, OutgoingMessage, UploadedFile } from "../platform.js";
import { toMessageOptions } from "./payload.js";

type Supported = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | AutocompleteInteraction | ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

/** The files given to attachment options anywhere in the option tree, by option name. */
function attachmentsOf(data: readonly CommandInteractionOption[]): Record<string, UploadedFile> {
  const found: Record<string, UploadedFile> = {};
  for (const o of data) {
    if (o.options) Object.assign(found, attachmentsOf(o.options));
    else if (o.attachment) found[o.name] = { name: o.attachment.name, url: o.attachment.url, size: o.attachment.size, contentType: o.attachment.contentType };
  }
  return found;
}

/** The text fields of a submitted form, by custom id. */
function fieldsOf(interaction: ModalSubmitInteraction): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [id, field] of interaction.fields.fields) if (field.type === ComponentType.TextInput) fields[id] = field.value;
  return fields;
}

function flattenOptions(data: readonly CommandInteractionOption[]): { subcommand: string | null; options: Record<string, string | number | boolean | undefined> } {
  const sub = data.find((o) => o.options !== undefined);
  const leaves = sub ? flattenOptions(sub.options!) : { subcommand: null, options: {} };
  const options: Record<string, string | number | boolean | undefined> = { ...leaves.options };
  for (const o of data) if (o.options === undefined) options[o.name] = o.value ?? undefined;
  return { subcommand: sub ? (leaves.subcommand ?? sub.name) : null, options };
}

/** Presents a discord.js interaction to a command handler as plain data and a few verbs. */
export function toInteractionContext(interaction: Supported, customArgs: readonly string[] = []): InteractionContext {
  const channel = interaction.channel;
  const isThread = channel?.isThread() ?? false;
  const { subcommand, options } =
    interaction.isChatInputCommand() || interaction.isAutocomplete() ? flattenOptions(interaction.options.data) : { subcommand: null, options: {} };
  const member = interaction.member;
  const displayName = member && "displayName" in member ? member.displayName : (interaction.user.globalName ?? interaction.user.username);
  const repliable = interaction.isAutocomplete() ? undefined : interaction;

  const send = async (message: OutgoingMessage) => {
    if (!repliable) throw new Error("autocomplete interactions cannot reply");
    const options = toMessageOptions(message);
    if (repliable.deferred || repliable.replied) {
      await repliable.editReply(options);
    } else {
      await repliable.reply({ ...options, flags: message.ephemeral ? MessageFlags.Ephemeral : undefined });
    }
  };

  return {
    user: { id: interaction.user.id, name: displayName },
    guildId: interaction.guildId,
    guildName: interaction.guild?.name ?? null,
    channel: { id: interaction.channelId ?? "", name: channel && "name" in channel ? channel.name : null, isThread, parentId: isThread && channel?.isThread() ? channel.parentId : null },
    // 10 MiB is Discord's limit on a server without boosts; older payloads do not say.
    attachmentSizeLimit: interaction.attachmentSizeLimit || 10 * 1024 * 1024,
    options,
    subcommand,
    customArgs,
    targetMessageId: interaction.isMessageContextMenuCommand() ? interaction.targetId : undefined,
    attachments: interaction.isChatInputCommand() ? attachmentsOf(interaction.options.data) : {},
    values: interaction.isStringSelectMenu() ? interaction.values : [],
    fields: interaction.isModalSubmit() ? fieldsOf(interaction) : {},
    canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    focused: interaction.isAutocomplete() ? (() => {
      const f = interaction.options.getFocused(true);
      return { name: f.name, value: String(f.value) };
    })() : undefined,
    async defer(opts) {
      if (!repliable || repliable.deferred || repliable.replied) return;
      await repliable.deferReply({ flags: opts?.ephemeral ? MessageFlags.Ephemeral : undefined });
    },
    reply: send,
    async followUp(message) {
      if (!repliable) throw new Error("autocomplete interactions cannot reply");
      await repliable.followUp({ ...toMessageOptions(message), flags: message.ephemeral ? MessageFlags.Ephemeral : undefined });
    },
    async update(message) {
      if (!repliable || !(repliable.isButton() || repliable.isStringSelectMenu())) throw new Error("only component interactions can update their message");
      const options = toMessageOptions(message);
      // After deferUpdate() the message is changed through the interaction's original response.
      if (repliable.deferred) await repliable.editReply(options);
      else await repliable.update(options);
    },
    async deferUpdate() {
      if (repliable && (repliable.isButton() || repliable.isStringSelectMenu()) && !repliable.deferred && !repliable.replied) await repliable.deferUpdate();
    },
    async showModal(modal) {
      if (!repliable || repliable.isModalSubmit()) throw new Error("only commands and buttons can answer with a form");
      await repliable.showModal(modal);
    },
    async choices(choices) {
      if (interaction.isAutocomplete() && !interaction.responded) await interaction.respond(choices.slice(0, 25));
    },
  };
}
