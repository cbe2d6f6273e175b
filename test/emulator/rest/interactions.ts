/** POST /interactions/{id}/{token}/callback: the initial response, its deadline, and its per-type rules. */
import { ApiError, FormErrors, alreadyAcknowledged, singleFormError, unknownInteraction } from "../errors.js";
import { validateAutocompleteChoices, validateModal } from "../componentLimits.js";
import { MESSAGE_FLAGS } from "../limits.js";
import { createMessage, editMessage } from "../messageOps.js";
import type { InteractionRec } from "../interactionTypes.js";
import type { Json, MessageRec } from "../types.js";
import { interactionExtra, interactionMessageType, recordResponse } from "./interactionWebhooks.js";
import { noContent, ok, type RestContext, type Router } from "./router.js";

/** Which callback types each interaction type accepts. */
const ALLOWED: Record<number, number[]> = {
  2: [4, 5, 9], // application command
  3: [4, 5, 6, 7, 9], // message component
  4: [8], // autocomplete
  5: [4, 5, 6, 7], // modal submit (6/7 only when the modal came from a component)
};

function invalidType(type: unknown): ApiError {
  return singleFormError(["type"], "INTERACTION_RESPONSE_TYPE_INVALID", `Interaction response type ${String(type)} is not valid for this interaction`);
}

function componentMessage(ctx: RestContext, rec: InteractionRec): MessageRec {
  const m = rec.messageId ? ctx.core.store.messageIndex.get(rec.messageId) : undefined;
  if (!m || m.deleted) throw invalidType(ctx.body?.type);
  return m;
}

function respond(ctx: RestContext, rec: InteractionRec): { message: MessageRec | null; loading: boolean } {
  const { core } = ctx;
  const body = ctx.body ?? {};
  const type = body.type;
  if (!Number.isInteger(type) || !(ALLOWED[rec.type] ?? []).includes(type)) throw invalidType(type);
  const data: Json = body.data ?? {};
  const channel = core.store.channel(rec.channelId);
  const ephemeral = (Number(data.flags ?? 0) & MESSAGE_FLAGS.Ephemeral) !== 0;
  const extra = { ...interactionExtra(core, rec), ...(ephemeral ? { ephemeralTo: rec.userId } : {}) };
  switch (type) {
    case 4: {
      const m = createMessage(core, {
        channel, body: data, files: ctx.files, author: { kind: "bot" }, context: "interaction", pingSource: "interaction",
        type: interactionMessageType(rec), extra, errorPrefix: ["data"],
      });
      return { message: m, loading: false };
    }
    case 5: {
      const errors = new FormErrors();
      if (data.flags !== undefined && (data.flags & ~(MESSAGE_FLAGS.Ephemeral | MESSAGE_FLAGS.SuppressNotifications | MESSAGE_FLAGS.IsComponentsV2))) {
        errors.add(["data", "flags"], "MESSAGE_INVALID_FLAGS", "Invalid flags for a deferred response");
      }
      errors.throwIfAny();
      const m = createMessage(core, {
        channel, body: { flags: (data.flags ?? 0) | MESSAGE_FLAGS.Loading }, files: [], author: { kind: "bot" },
        context: "interaction", pingSource: "interaction", type: interactionMessageType(rec), extra, allowEmpty: true, trusted: true,
      });
      return { message: m, loading: true };
    }
    case 6:
    case 7: {
      if (rec.type === 5 && !rec.messageId) throw invalidType(type);
      const m = componentMessage(ctx, rec);
      if (type === 7) editMessage(core, m, data, ctx.files, { context: "interaction", pingSource: "interaction", errorPrefix: ["data"] });
      return { message: m, loading: false };
    }
    case 8: {
      const errors = new FormErrors();
      validateAutocompleteChoices(errors, body.data);
      errors.throwIfAny();
      rec.autocompleteChoices = body.data.choices;
      return { message: null, loading: false };
    }
    case 9: {
      const errors = new FormErrors();
      validateModal(errors, body.data);
      errors.throwIfAny();
      rec.modal = body.data;
      return { message: null, loading: false };
    }
    default:
      throw invalidType(type);
  }
}

function callback(ctx: RestContext) {
  const { core } = ctx;
  const rec = core.interactions.get(ctx.params.interaction_id!);
  if (!rec || rec.token !== ctx.params.token) throw unknownInteraction();
  const fail = (err: ApiError) => {
    recordResponse(core, rec, { kind: "rejected", callbackType: ctx.body?.type, status: err.status, body: ctx.body, error: err.body });
    return err;
  };
  if (rec.initialType !== null) throw fail(alreadyAcknowledged());
  if (performance.now() - rec.createdAt > core.interactionDeadlineMs) {
    rec.expired = true;
    throw fail(unknownInteraction());
  }
  let result: { message: MessageRec | null; loading: boolean };
  try {
    result = respond(ctx, rec);
  } catch (err) {
    if (err instanceof ApiError) throw fail(err);
    throw err;
  }
  rec.initialType = ctx.body.type;
  rec.initialEphemeral = !!result.message && (result.message.flags & MESSAGE_FLAGS.Ephemeral) !== 0;
  if (result.message) rec.originalMessageId = result.message.id;
  if (result.message && rec.initialEphemeral) result.message.ephemeralTo ??= rec.userId;
  recordResponse(core, rec, { kind: "callback", callbackType: ctx.body.type, status: 204, body: ctx.body, ...(result.message ? { messageId: result.message.id } : {}) });
  if (ctx.query.get("with_response") !== "true") return noContent();
  const m = result.message;
  return ok({
    interaction: {
      id: rec.id, type: rec.type,
      ...(m ? { response_message_id: m.id, response_message_loading: result.loading, response_message_ephemeral: rec.initialEphemeral } : {}),
    },
    resource: { type: ctx.body.type, ...(m && ctx.body.type !== 6 ? { message: core.fullMessage(m) } : {}) },
  });
}

export function registerInteractionRoutes(r: Router): void {
  r.add("POST", "/interactions/:interaction_id/:token/callback", callback, { auth: "none", bucket: null, global: false });
}
