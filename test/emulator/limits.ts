/** Payload limits for messages: content, embeds, flags, attachments, webhook overrides. */
import { FormErrors, type ErrorPath } from "./errors.js";
import { validateAllowedMentions } from "./mentions.js";
import { validateMessageComponents } from "./componentLimits.js";
import { charLength, checkString, checkUrl } from "./validate.js";
import type { Json } from "./types.js";

export { charLength };

export const MESSAGE_FLAGS = {
  SuppressEmbeds: 1 << 2, HasThread: 1 << 5, Ephemeral: 1 << 6, Loading: 1 << 7,
  SuppressNotifications: 1 << 12, IsVoiceMessage: 1 << 13, IsComponentsV2: 1 << 15,
} as const;

export type MessageContext = "channel" | "webhook" | "interaction";

const SETTABLE_FLAGS: Record<MessageContext, number> = {
  channel: MESSAGE_FLAGS.SuppressEmbeds | MESSAGE_FLAGS.SuppressNotifications | MESSAGE_FLAGS.IsVoiceMessage |
    MESSAGE_FLAGS.IsComponentsV2,
  webhook: MESSAGE_FLAGS.SuppressEmbeds | MESSAGE_FLAGS.SuppressNotifications | MESSAGE_FLAGS.IsComponentsV2,
  interaction: MESSAGE_FLAGS.SuppressEmbeds | MESSAGE_FLAGS.SuppressNotifications | MESSAGE_FLAGS.Ephemeral |
    MESSAGE_FLAGS.IsComponentsV2,
};

/** Validates one embed; returns its character count toward the 6000 total. */
function validateEmbed(errors: FormErrors, path: ErrorPath, e: Json): number {
  if (typeof e !== "object" || e === null || Array.isArray(e)) {
    errors.add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
    return 0;
  }
  let total = 0;
  const count = (v: unknown) => (typeof v === "string" ? (total += charLength(v)) : 0);
  if (checkString(errors, [...path, "title"], e.title, { max: 256 })) count(e.title);
  if (checkString(errors, [...path, "description"], e.description, { max: 4096 })) count(e.description);
  checkUrl(errors, [...path, "url"], e.url, ["http", "https"]);
  if (e.color !== undefined && e.color !== null) {
    if (!Number.isInteger(e.color)) errors.add([...path, "color"], "NUMBER_TYPE_COERCE", `Value "${e.color}" is not int.`);
    else if (e.color < 0 || e.color > 0xffffff) {
      errors.add([...path, "color"], "NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215.");
    }
  }
  if (e.timestamp !== undefined && e.timestamp !== null && Number.isNaN(Date.parse(String(e.timestamp)))) {
    errors.add([...path, "timestamp"], "DATE_TIME_TYPE_PARSE", `Could not parse ${e.timestamp}. Should be ISO8601.`);
  }
  if (e.footer !== undefined && e.footer !== null) {
    if (checkString(errors, [...path, "footer", "text"], e.footer.text, { max: 2048, required: true })) count(e.footer.text);
    checkUrl(errors, [...path, "footer", "icon_url"], e.footer.icon_url, ["http", "https", "attachment"]);
  }
  if (e.author !== undefined && e.author !== null) {
    if (checkString(errors, [...path, "author", "name"], e.author.name, { max: 256, required: true })) count(e.author.name);
    checkUrl(errors, [...path, "author", "url"], e.author.url, ["http", "https"]);
    checkUrl(errors, [...path, "author", "icon_url"], e.author.icon_url, ["http", "https", "attachment"]);
  }
  for (const key of ["image", "thumbnail"] as const) {
    if (e[key] === undefined || e[key] === null) continue;
    if (e[key].url === undefined) errors.add([...path, key, "url"], "BASE_TYPE_REQUIRED", "This field is required");
    checkUrl(errors, [...path, key, "url"], e[key].url, ["http", "https", "attachment"]);
  }
  if (e.fields !== undefined && e.fields !== null) {
    if (!Array.isArray(e.fields)) errors.add([...path, "fields"], "BASE_TYPE_LIST", "Must be a list");
    else {
      if (e.fields.length > 25) errors.add([...path, "fields"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
      e.fields.forEach((f: Json, i: number) => {
        const fp = [...path, "fields", i];
        if (checkString(errors, [...fp, "name"], f?.name, { min: 1, max: 256, required: true })) count(f.name);
        if (checkString(errors, [...fp, "value"], f?.value, { min: 1, max: 1024, required: true })) count(f.value);
      });
    }
  }
  return total;
}

export function validateEmbeds(errors: FormErrors, embeds: Json, path: ErrorPath = ["embeds"]): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) return void errors.add(path, "BASE_TYPE_LIST", "Must be a list");
  if (embeds.length > 10) errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
  let total = 0;
  embeds.forEach((e, i) => (total += validateEmbed(errors, [...path, i], e)));
  if (total > 6000) errors.add(path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
}

export function validateWebhookName(errors: FormErrors, path: ErrorPath, name: unknown, required: boolean): void {
  if (!checkString(errors, path, name, { min: 1, max: 80, required })) return;
  const lower = (name as string).toLowerCase();
  for (const banned of ["clyde", "discord"]) {
    if (lower.includes(banned)) errors.add(path, "USERNAME_INVALID_CONTAINS", `Username cannot contain "${banned}"`);
  }
  if (["everyone", "here"].includes(lower.trim())) errors.add(path, "USERNAME_INVALID", "Username is invalid");
}

/**
 * Validates a message create/edit body (everything except emptiness, which needs the attachments result).
 * Throws 50035 Invalid Form Body with Discord-style nested errors.
 */
export function validateMessageBody(
  body: Json, opts: { context: MessageContext; edit: boolean; fileCount: number; errorPrefix?: ErrorPath },
): void {
  const errors = new FormErrors();
  const p = (...rest: (string | number)[]) => [...(opts.errorPrefix ?? []), ...rest];
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    errors.add(p(), "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
    return errors.throwIfAny();
  }
  const flags = Number(body.flags ?? 0);
  const v2 = (flags & MESSAGE_FLAGS.IsComponentsV2) !== 0;
  checkString(errors, p("content"), body.content, { max: 2000 });
  if (body.nonce !== undefined && body.nonce !== null) {
    if (typeof body.nonce === "string") checkString(errors, p("nonce"), body.nonce, { max: 25 });
    else if (!Number.isInteger(body.nonce)) errors.add(p("nonce"), "BASE_TYPE_STRING", "Could not interpret value as string.");
  }
  validateEmbeds(errors, body.embeds, p("embeds"));
  validateAllowedMentions(body.allowed_mentions, errors);
  validateMessageComponents(errors, body.components, { v2, path: p("components") });
  if (body.flags !== undefined && body.flags !== null) {
    if (!Number.isInteger(body.flags)) errors.add(p("flags"), "NUMBER_TYPE_COERCE", `Value "${body.flags}" is not int.`);
    else {
      // On edits, flags the message already carries (ephemeral, loading, has-thread) may be echoed back.
      const echoed = opts.edit ? MESSAGE_FLAGS.Ephemeral | MESSAGE_FLAGS.Loading | MESSAGE_FLAGS.HasThread : 0;
      const bad = flags & ~SETTABLE_FLAGS[opts.context] & ~echoed;
      if (bad) errors.add(p("flags"), "MESSAGE_INVALID_FLAGS", `Invalid flags for this message: ${bad}`);
    }
  }
  if (v2) {
    const legacy = ["content", "embeds", "sticker_ids", "poll"].filter((k) => {
      const v = body[k];
      return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== "";
    });
    if (legacy.length > 0) {
      errors.add(p(legacy[0]!), "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
        "The 'content', 'embeds', 'sticker_ids', 'poll' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2");
    }
  }
  if (body.attachments !== undefined && body.attachments !== null) {
    if (!Array.isArray(body.attachments)) errors.add(p("attachments"), "BASE_TYPE_LIST", "Must be a list");
    else if (body.attachments.length > 10) errors.add(p("attachments"), "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
    else body.attachments.forEach((a: Json, i: number) => {
      checkString(errors, p("attachments", i, "description"), a?.description, { max: 1024 });
      checkString(errors, p("attachments", i, "filename"), a?.filename, { min: 1, max: 1024 });
    });
  }
  if (opts.fileCount > 10) errors.add(p("files"), "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
  if (body.sticker_ids !== undefined && Array.isArray(body.sticker_ids) && body.sticker_ids.length > 3) {
    errors.add(p("sticker_ids"), "BASE_TYPE_MAX_LENGTH", "Must be 3 or fewer in length.");
  }
  if (body.poll !== undefined && body.poll !== null) validatePoll(errors, body.poll, p("poll"));
  if (opts.context === "webhook" && !opts.edit) {
    if (body.username !== undefined && body.username !== null) validateWebhookName(errors, p("username"), body.username, false);
    checkUrl(errors, p("avatar_url"), body.avatar_url, ["http", "https"]);
  }
  errors.throwIfAny();
}

function validatePoll(errors: FormErrors, poll: Json, path: ErrorPath): void {
  checkString(errors, [...path, "question", "text"], poll?.question?.text, { min: 1, max: 300, required: true });
  if (!Array.isArray(poll?.answers)) return void errors.add([...path, "answers"], "BASE_TYPE_REQUIRED", "This field is required");
  if (poll.answers.length < 1 || poll.answers.length > 10) {
    errors.add([...path, "answers"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 10 in length.");
  }
  poll.answers.forEach((a: Json, i: number) =>
    checkString(errors, [...path, "answers", i, "poll_media", "text"], a?.poll_media?.text, { min: 1, max: 55 }));
  if (poll.duration !== undefined && (poll.duration < 1 || poll.duration > 768)) {
    errors.add([...path, "duration"], "NUMBER_TYPE_MAX", "int value should be less than or equal to 768.");
  }
}
