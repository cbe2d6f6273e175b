/** Errors shaped like Discord's JSON error responses. Handlers throw these; the HTTP layer renders them. */
export type ErrorPath = ReadonlyArray<string | number>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { message: string; code: number; errors?: unknown; [k: string]: unknown },
  ) {
    super(`${status} ${body.code}: ${body.message}`);
  }
}

export const unauthorized = () => new ApiError(401, { message: "401: Unauthorized", code: 0 });
export const notFound = () => new ApiError(404, { message: "404: Not Found", code: 0 });
export const methodNotAllowed = () => new ApiError(405, { message: "405: Method Not Allowed", code: 0 });
export const unknownChannel = () => new ApiError(404, { message: "Unknown Channel", code: 10003 });
export const unknownGuild = () => new ApiError(404, { message: "Unknown Guild", code: 10004 });
export const unknownMember = () => new ApiError(404, { message: "Unknown Member", code: 10007 });
export const unknownMessage = () => new ApiError(404, { message: "Unknown Message", code: 10008 });
export const unknownUser = () => new ApiError(404, { message: "Unknown User", code: 10013 });
export const unknownEmoji = () => new ApiError(400, { message: "Unknown Emoji", code: 10014 });
export const unknownWebhook = () => new ApiError(404, { message: "Unknown Webhook", code: 10015 });
export const unknownCommand = () => new ApiError(404, { message: "Unknown application command", code: 10063 });
export const unknownInteraction = () => new ApiError(404, { message: "Unknown interaction", code: 10062 });
export const invalidWebhookToken = () => new ApiError(401, { message: "Invalid Webhook Token", code: 50027 });
export const missingAccess = () => new ApiError(403, { message: "Missing Access", code: 50001 });
export const missingPermissions = () => new ApiError(403, { message: "Missing Permissions", code: 50013 });
export const emptyMessage = () => new ApiError(400, { message: "Cannot send an empty message", code: 50006 });
export const alreadyAcknowledged = () =>
  new ApiError(400, { message: "Interaction has already been acknowledged.", code: 40060 });
export const cannotEditOthers = () =>
  new ApiError(403, { message: "Cannot edit a message authored by another user", code: 50005 });
export const wrongChannelType = () =>
  new ApiError(400, { message: "Cannot execute action on this channel type", code: 50024 });
export const invalidJson = () => new ApiError(400, { message: "The request body contains invalid JSON.", code: 50109 });
export const tooLarge = () => new ApiError(413, { message: "Request entity too large", code: 40005 });
export const threadArchived = () => new ApiError(400, { message: "Thread is archived", code: 50083 });
export const threadLocked = () => new ApiError(400, { message: "Thread is locked", code: 160005 });
export const threadAlreadyCreated = () =>
  new ApiError(400, { message: "A thread has already been created for this message", code: 160004 });
export const maxWebhooks = () =>
  new ApiError(400, { message: "Maximum number of webhooks reached (15)", code: 30007 });
export const maxReactions = () => new ApiError(400, { message: "Maximum number of reactions reached (20)", code: 30010 });

/** Collects field errors into Discord's nested `errors` object and throws one 50035. */
export class FormErrors {
  private root: Record<string, unknown> = {};
  count = 0;

  add(path: ErrorPath, code: string, message: string): void {
    let node = this.root;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    const list = (node._errors ??= []) as { code: string; message: string }[];
    list.push({ code, message });
    this.count++;
  }

  get errors(): Record<string, unknown> {
    return this.root;
  }

  throwIfAny(): void {
    if (this.count > 0) throw formError(this.root);
  }
}

export function formError(errors: Record<string, unknown>): ApiError {
  return new ApiError(400, { message: "Invalid Form Body", code: 50035, errors });
}

/** A single-field 50035, e.g. singleFormError(["name"], "BASE_TYPE_REQUIRED", "This field is required"). */
export function singleFormError(path: ErrorPath, code: string, message: string): ApiError {
  const f = new FormErrors();
  f.add(path, code, message);
  return formError(f.errors);
}
