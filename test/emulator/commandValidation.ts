/** Application command validation, following Discord's rules for names, descriptions, options and choices. */
import { FormErrors, type ErrorPath } from "./errors.js";
import { checkString, charLength } from "./validate.js";
import type { Json } from "./types.js";

export const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const CHOICE_TYPES = new Set([3, 4, 10]);
const SUB = new Set([1, 2]);

function checkName(errors: FormErrors, path: ErrorPath, name: unknown, chatInput: boolean): void {
  if (!chatInput) {
    checkString(errors, path, name, { min: 1, max: 32, required: true });
    return;
  }
  if (typeof name !== "string") return void errors.add(path, "BASE_TYPE_REQUIRED", "This field is required");
  if (!CHAT_INPUT_NAME.test(name)) {
    errors.add(path, "APPLICATION_COMMAND_INVALID_NAME", `Command name "${name}" is invalid (1-32 characters matching ^[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$)`);
  } else if (name !== name.toLowerCase()) {
    errors.add(path, "APPLICATION_COMMAND_INVALID_NAME", `Command name "${name}" must be lowercase`);
  }
}

/** Validates options at one level; returns the characters they contribute toward the 4000 total. */
function checkOptions(errors: FormErrors, path: ErrorPath, options: unknown, depth: number): number {
  if (options === undefined || options === null) return 0;
  if (!Array.isArray(options)) {
    errors.add(path, "BASE_TYPE_LIST", "Must be a list");
    return 0;
  }
  if (options.length > 25) errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  let chars = 0;
  const names = new Set<string>();
  const subs = options.filter((o: Json) => SUB.has(o?.type)).length;
  if (subs > 0 && subs !== options.length) {
    errors.add(path, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-command and sub-command group option types are mutually exclusive to all other types");
  }
  let seenOptional = false;
  options.forEach((o: Json, i: number) => {
    const p = [...path, i];
    if (typeof o !== "object" || o === null) return void errors.add(p, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
    if (!Number.isInteger(o.type) || o.type < 1 || o.type > 11) {
      errors.add([...p, "type"], "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.");
    }
    checkName(errors, [...p, "name"], o.name, true);
    if (typeof o.name === "string") {
      if (names.has(o.name)) errors.add([...p, "name"], "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS", "Option names must be unique");
      names.add(o.name);
      chars += charLength(o.name);
    }
    if (checkString(errors, [...p, "description"], o.description, { min: 1, max: 100, required: true })) chars += charLength(o.description);
    if (o.type === 2) {
      if (depth !== 0) errors.add([...p, "type"], "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-command groups can only be top-level options");
      if (!Array.isArray(o.options) || o.options.length === 0) errors.add([...p, "options"], "BASE_TYPE_REQUIRED", "This field is required");
      else if (o.options.some((s: Json) => s?.type !== 1)) errors.add([...p, "options"], "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-command groups may only contain sub-commands");
      chars += checkOptions(errors, [...p, "options"], o.options, depth + 1);
    } else if (o.type === 1) {
      if (depth > 1) errors.add([...p, "type"], "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-commands cannot be nested further");
      if (Array.isArray(o.options) && o.options.some((s: Json) => SUB.has(s?.type))) {
        errors.add([...p, "options"], "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-commands may not contain sub-commands");
      }
      chars += checkOptions(errors, [...p, "options"], o.options, 2);
    } else {
      if (o.options !== undefined) errors.add([...p, "options"], "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Only sub-commands and groups have options");
      if (o.required === true && seenOptional) {
        errors.add([...p, "required"], "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options");
      }
      if (o.required !== true) seenOptional = true;
      chars += checkChoices(errors, p, o);
    }
    if (SUB.has(o.type) && o.required !== undefined && o.required !== false) {
      errors.add([...p, "required"], "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Sub-commands cannot be required");
    }
  });
  return chars;
}

function checkChoices(errors: FormErrors, p: ErrorPath, o: Json): number {
  let chars = 0;
  if (o.autocomplete && !CHOICE_TYPES.has(o.type)) errors.add([...p, "autocomplete"], "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID", "Autocomplete is only for string, integer and number options");
  if ((o.min_value !== undefined || o.max_value !== undefined) && o.type !== 4 && o.type !== 10) {
    errors.add([...p, "min_value"], "APPLICATION_COMMAND_OPTION_INVALID", "min_value/max_value are only for integer and number options");
  }
  if (o.min_length !== undefined || o.max_length !== undefined) {
    if (o.type !== 3) errors.add([...p, "min_length"], "APPLICATION_COMMAND_OPTION_INVALID", "min_length/max_length are only for string options");
    if (o.min_length !== undefined && (!Number.isInteger(o.min_length) || o.min_length < 0 || o.min_length > 6000)) errors.add([...p, "min_length"], "NUMBER_TYPE_MAX", "int value should be between 0 and 6000.");
    if (o.max_length !== undefined && (!Number.isInteger(o.max_length) || o.max_length < 1 || o.max_length > 6000)) errors.add([...p, "max_length"], "NUMBER_TYPE_MAX", "int value should be between 1 and 6000.");
  }
  if (o.channel_types !== undefined && o.type !== 7) errors.add([...p, "channel_types"], "APPLICATION_COMMAND_OPTION_INVALID", "channel_types is only for channel options");
  if (o.choices === undefined || o.choices === null) return 0;
  if (!CHOICE_TYPES.has(o.type)) {
    errors.add([...p, "choices"], "APPLICATION_COMMAND_OPTION_CHOICES_INVALID", "Choices are only for string, integer and number options");
    return 0;
  }
  if (o.autocomplete) errors.add([...p, "choices"], "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE", "Autocomplete cannot be set for options with choices");
  if (!Array.isArray(o.choices)) {
    errors.add([...p, "choices"], "BASE_TYPE_LIST", "Must be a list");
    return 0;
  }
  if (o.choices.length > 25) errors.add([...p, "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  o.choices.forEach((c: Json, j: number) => {
    const cp = [...p, "choices", j];
    if (checkString(errors, [...cp, "name"], c?.name, { min: 1, max: 100, required: true })) chars += charLength(c.name);
    const v = c?.value;
    if (o.type === 3) {
      if (checkString(errors, [...cp, "value"], v, { min: 1, max: 100, required: true })) chars += charLength(v);
    } else if (typeof v !== "number" || (o.type === 4 && !Number.isInteger(v)) || Math.abs(v) > 2 ** 53) {
      errors.add([...cp, "value"], "NUMBER_TYPE_COERCE", `Value "${v}" is not ${o.type === 4 ? "int" : "a number"}.`);
    } else chars += String(v).length;
  });
  return chars;
}

export function validateCommand(errors: FormErrors, path: ErrorPath, c: Json): void {
  if (typeof c !== "object" || c === null || Array.isArray(c)) return void errors.add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
  const type = c.type ?? 1;
  if (![1, 2, 3, 4].includes(type)) errors.add([...path, "type"], "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4}.");
  const chatInput = type === 1;
  checkName(errors, [...path, "name"], c.name, chatInput);
  let chars = typeof c.name === "string" ? charLength(c.name) : 0;
  if (chatInput) {
    if (checkString(errors, [...path, "description"], c.description, { min: 1, max: 100, required: true })) chars += charLength(c.description);
    chars += checkOptions(errors, [...path, "options"], c.options, 0);
  } else {
    if (c.description !== undefined && c.description !== "" && c.description !== null) errors.add([...path, "description"], "APPLICATION_COMMAND_INVALID_DESCRIPTION", "Context menu commands cannot have a description");
    if (c.options !== undefined && c.options !== null && (!Array.isArray(c.options) || c.options.length > 0)) errors.add([...path, "options"], "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Context menu commands cannot have options");
  }
  if (c.default_member_permissions !== undefined && c.default_member_permissions !== null && !/^\d+$/.test(String(c.default_member_permissions))) {
    errors.add([...path, "default_member_permissions"], "BASE_TYPE_STRING", "Must be a permissions bitfield string");
  }
  if (chars > 4000) errors.add(path, "APPLICATION_COMMAND_TOO_LARGE", "Command exceeds maximum size (4000)");
}

/** Validates a bulk overwrite (PUT) body. */
export function validateCommandList(body: Json): void {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], "BASE_TYPE_LIST", "Must be a list");
    return errors.throwIfAny();
  }
  const seen = new Set<string>();
  const counts: Record<number, number> = {};
  body.forEach((c: Json, i: number) => {
    validateCommand(errors, [i], c);
    const key = `${c?.type ?? 1}:${c?.name}`;
    if (seen.has(key)) errors.add([i, "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique");
    seen.add(key);
    counts[c?.type ?? 1] = (counts[c?.type ?? 1] ?? 0) + 1;
  });
  if ((counts[1] ?? 0) > 100) errors.add([], "APPLICATION_COMMANDS_MAX", "Maximum number of application commands reached (100)");
  if ((counts[2] ?? 0) > 15 || (counts[3] ?? 0) > 15) errors.add([], "APPLICATION_COMMANDS_MAX", "Maximum number of context menu commands reached (15)");
  errors.throwIfAny();
}
