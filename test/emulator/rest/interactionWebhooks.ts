/** Interaction webhooks (/webhooks/{application.id}/{interaction.token}...): follow-ups and original-response edits. */
import { invalidWebhookToken, unknownMessage, unknownWebhook } from "../errors.js";
import { MESSAGE_FLAGS } from "../limits.js";
import { createMessage, deleteMessage, editMessage } from "../messageOps.js";
import { memberJson, userJson } from "../serialize.js";
import type { Core } from "../core.js";
import type { InteractionRec, InteractionResponseRecord } from "../interactionTypes.js";
import type { Json, MessageRec } from "../types.js";
import { noContent, ok, type RestContext } from "./router.js";

export function recordResponse(core: Core, rec: InteractionRec, r: Omit<InteractionResponseRecord, "afterMs">): void {
  const full: InteractionResponseRecord = { ...r, afterMs: Math.round(performance.now() - rec.createdAt) };
  rec.responses.push(full);
  core.emit("interactionResponse", { interactionId: rec.id, response: full });
}

/** interaction_metadata / interaction fields for messages created in answer to `rec`. */
export function interactionExtra(core: Core, rec: InteractionRec, originalId?: string): Partial<MessageRec> {
  const user = core.store.users.get(rec.userId);
  const guild = core.store.guilds.get(rec.guildId);
  const member = guild?.members.get(rec.userId);
  const name: string | undefined = rec.payload?.data?.name;
  const meta: Json = {
    id: rec.id, type: rec.type, user: user ? userJson(user) : { id: rec.userId },
    authorizing_integration_owners: { "0": rec.guildId },
    ...(rec.type === 2 ? { name, command_type: rec.payload.data.type ?? 1 } : {}),
    ...(rec.type === 3 && rec.messageId ? { interacted_message_id: rec.messageId } : {}),
    ...(originalId ? { original_response_message_id: originalId } : {}),
  };
  return {
    webhookId: core.applicationId, applicationId: core.applicationId, interactionMetadata: meta,
    interactionLegacy: {
      id: rec.id, type: rec.type, name: name ?? rec.payload?.data?.custom_id ?? "",
      user: meta.user, ...(guild && member ? { member: memberJson(core.store, guild, member, false) } : {}),
    },
  };
}

export function interactionMessageType(rec: InteractionRec): number {
  if (rec.type !== 2) return 0;
  return (rec.payload.data.type ?? 1) === 1 ? 20 : 23;
}

/** Looks up the interaction behind an interaction-webhook token (401 once the token has expired). */
export function byToken(ctx: RestContext): InteractionRec {
  const rec = ctx.core.interactionsByToken.get(ctx.params.token!);
  if (!rec) throw unknownWebhook();
  if (performance.now() - rec.createdAt > ctx.core.interactionTokenLifetimeMs) throw invalidWebhookToken();
  return rec;
}

function target(ctx: RestContext, rec: InteractionRec): MessageRec {
  if (rec.initialType === null) throw unknownWebhook();
  const raw = ctx.params.message_id!;
  const id = raw === "@original" ? rec.originalMessageId : raw;
  if (!id || (id !== rec.originalMessageId && !rec.followUpIds.includes(id))) throw unknownMessage();
  const m = ctx.core.store.messageIndex.get(id);
  if (!m || m.deleted) throw unknownMessage();
  return m;
}

/** Runs `fn`; a failure is recorded on the interaction as a "rejected" response before it propagates. */
function withRejections<T>(ctx: RestContext, fn: (rec: InteractionRec) => T): T {
  let rec: InteractionRec | undefined;
  try {
    rec = byToken(ctx);
    return fn(rec);
  } catch (err) {
    const e = err as { status?: number; body?: Json };
    if (rec && e.status) recordResponse(ctx.core, rec, { kind: "rejected", status: e.status, body: ctx.body, error: e.body });
    throw err;
  }
}

function followUp(ctx: RestContext) {
  return withRejections(ctx, (rec) => {
    const { core } = ctx;
    // A follow-up before any response has no webhook to go to.
    if (rec.initialType === null) throw unknownWebhook();
    const original = rec.originalMessageId ? core.store.messageIndex.get(rec.originalMessageId) : undefined;
    if (original && !original.deleted && original.flags & MESSAGE_FLAGS.Loading) {
      // The first follow-up after a deferral fills in the "thinking…" message instead of adding a new one.
      editMessage(core, original, { ...ctx.body, flags: undefined }, ctx.files,
        { context: "interaction", pingSource: "interaction", completesDeferral: true });
      recordResponse(core, rec, { kind: "followUp", status: 200, body: ctx.body, messageId: original.id });
      return ok(core.fullMessage(original));
    }
    const body = ctx.body ?? {};
    const ephemeral = (Number(body.flags ?? 0) & MESSAGE_FLAGS.Ephemeral) !== 0;
    const m = createMessage(core, {
      channel: core.store.channel(rec.channelId), body, files: ctx.files, author: { kind: "bot" }, context: "interaction",
      pingSource: "interaction", extra: { ...interactionExtra(core, rec, rec.originalMessageId ?? undefined), ...(ephemeral ? { ephemeralTo: rec.userId } : {}) },
    });
    rec.followUpIds.push(m.id);
    recordResponse(core, rec, { kind: "followUp", status: 200, body, messageId: m.id });
    return ok(core.fullMessage(m));
  });
}

function get(ctx: RestContext) {
  return withRejections(ctx, (rec) => ok(ctx.core.fullMessage(target(ctx, rec))));
}

function edit(ctx: RestContext) {
  return withRejections(ctx, (rec) => {
    const m = target(ctx, rec);
    const isOriginal = m.id === rec.originalMessageId;
    editMessage(ctx.core, m, ctx.body, ctx.files, { context: "interaction", pingSource: "interaction", completesDeferral: isOriginal });
    recordResponse(ctx.core, rec, { kind: isOriginal ? "editOriginal" : "editFollowUp", status: 200, body: ctx.body, messageId: m.id });
    return ok(ctx.core.fullMessage(m));
  });
}

function remove(ctx: RestContext) {
  return withRejections(ctx, (rec) => {
    const m = target(ctx, rec);
    const isOriginal = m.id === rec.originalMessageId;
    deleteMessage(ctx.core, m);
    recordResponse(ctx.core, rec, { kind: isOriginal ? "deleteOriginal" : "deleteFollowUp", status: 204, messageId: m.id });
    return noContent();
  });
}

export const interactionWebhookRoutes = { followUp, get, edit, remove };
