/** Shared field validators producing Discord-style form errors. */
import type { FormErrors, ErrorPath } from "./errors.js";

/** Discord counts characters as Unicode code points. */
export const charLength = (s: string) => [...s].length;

export function checkString(
  errors: FormErrors, path: ErrorPath, value: unknown,
  opts: { min?: number; max: number; required?: boolean; nullable?: boolean },
): value is string {
  if (value === undefined || (value === null && opts.nullable !== false && !opts.required)) {
    if (opts.required) errors.add(path, "BASE_TYPE_REQUIRED", "This field is required");
    return false;
  }
  if (typeof value !== "string") {
    errors.add(path, "BASE_TYPE_STRING", "Could not interpret value as string.");
    return false;
  }
  const len = charLength(value);
  const min = opts.min ?? 0;
  if (len > opts.max || len < min) {
    if (min > 0) errors.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${opts.max} in length.`);
    else errors.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${opts.max} or fewer in length.`);
    return false;
  }
  return true;
}

export function checkUrl(errors: FormErrors, path: ErrorPath, value: unknown, schemes: string[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "string") return void errors.add(path, "BASE_TYPE_STRING", "Could not interpret value as string.");
  if (value.length > 2048) return void errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 2048 or fewer in length.");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return void errors.add(path, "URL_TYPE_INVALID_URL", "Not a well formed URL.");
  }
  const scheme = url.protocol.replace(/:$/, "");
  if (!schemes.includes(scheme)) {
    errors.add(path, "URL_TYPE_INVALID_SCHEME",
      `Scheme "${scheme}" is not supported. Scheme must be one of (${schemes.map((s) => `'${s}'`).join(", ")}).`);
  }
}

