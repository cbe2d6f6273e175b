/** Limits for message components (classic and Components V2), modals, and autocomplete choices. */
import { FormErrors, type ErrorPath } from "./errors.js";
import { checkString, checkUrl, charLength } from "./validate.js";
import type { Json } from "./types.js";

const SELECTS = new Set([3, 5, 6, 7, 8]);
const V2_TOP = new Set([1, 9, 10, 12, 13, 14, 17]);
const V2_IN_CONTAINER = new Set([1, 9, 10, 12, 13, 14]);

interface Walk {
  errors: FormErrors;
  customIds: Set<string>;
  total: number;
  textChars: number;
}

function customId(w: Walk, path: ErrorPath, value: unknown): void {
  if (!checkString(w.errors, [...path, "custom_id"], value, { min: 1, max: 100, required: true })) return;
  if (w.customIds.has(value as string)) {
    w.errors.add([...path, "custom_id"], "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
  }
  w.customIds.add(value as string);
}

function button(w: Walk, path: ErrorPath, b: Json): void {
  const { errors } = w;
  if (!Number.isInteger(b.style) || b.style < 1 || b.style > 6) {
    return void errors.add([...path, "style"], "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.");
  }
  checkString(errors, [...path, "label"], b.label, { max: 80 });
  if (b.style === 5) {
    if (b.custom_id !== undefined) errors.add([...path, "custom_id"], "BUTTON_LINK_CUSTOM_ID", "A link button cannot have a custom_id");
    if (b.url === undefined) errors.add([...path, "url"], "BASE_TYPE_REQUIRED", "This field is required");
    checkUrl(errors, [...path, "url"], b.url, ["http", "https", "discord"]);
  } else if (b.style === 6) {
    if (b.sku_id === undefined) errors.add([...path, "sku_id"], "BASE_TYPE_REQUIRED", "This field is required");
  } else {
    customId(w, path, b.custom_id);
    if (b.url !== undefined) errors.add([...path, "url"], "BUTTON_NON_LINK_URL", "A non-link button cannot have a url");
  }
  if (b.style !== 6 && (b.label === undefined || b.label === "") && !b.emoji) {
    errors.add([...path], "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A button requires a label or an emoji");
  }
}

function select(w: Walk, path: ErrorPath, s: Json, inModal: boolean): void {
  const { errors } = w;
  customId(w, path, s.custom_id);
  checkString(errors, [...path, "placeholder"], s.placeholder, { max: 150 });
  const min = s.min_values ?? 1;
  const max = s.max_values ?? 1;
  if (!Number.isInteger(min) || min < 0 || min > 25) errors.add([...path, "min_values"], "NUMBER_TYPE_MAX", "int value should be between 0 and 25.");
  if (!Number.isInteger(max) || max < 1 || max > 25) errors.add([...path, "max_values"], "NUMBER_TYPE_MAX", "int value should be between 1 and 25.");
  if (max < min) errors.add([...path, "max_values"], "SELECT_COMPONENT_MAX_VALUES_LESS_THAN_MIN", "max_values must be greater than or equal to min_values");
  if (s.type === 3) {
    if (!Array.isArray(s.options) || s.options.length < 1 || s.options.length > 25) {
      return void errors.add([...path, "options"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length.");
    }
    if (max > s.options.length) {
      errors.add([...path, "max_values"], "SELECT_COMPONENT_MAX_VALUES_TOO_LARGE", `Must be less than or equal to the number of options (${s.options.length})`);
    }
    const values = new Set<string>();
    s.options.forEach((o: Json, i: number) => {
      const op = [...path, "options", i];
      checkString(errors, [...op, "label"], o?.label, { min: 1, max: 100, required: true });
      if (checkString(errors, [...op, "value"], o?.value, { min: 1, max: 100, required: true })) {
        if (values.has(o.value)) errors.add([...op, "value"], "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED", "Select option values must be unique");
        values.add(o.value);
      }
      checkString(errors, [...op, "description"], o?.description, { max: 100 });
    });
  } else if (Array.isArray(s.default_values) && s.default_values.length > max) {
    errors.add([...path, "default_values"], "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }
  if (inModal && s.disabled) errors.add([...path, "disabled"], "COMPONENT_DISABLED_IN_MODAL", "Components in modals cannot be disabled");
}

export function textInput(w: Walk, path: ErrorPath, t: Json, labelled: boolean): void {
  const { errors } = w;
  customId(w, path, t.custom_id);
  if (t.style !== 1 && t.style !== 2) errors.add([...path, "style"], "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.");
  if (labelled) {
    if (t.label !== undefined) errors.add([...path, "label"], "TEXT_INPUT_LABEL_IN_LABEL", "A text input inside a label component cannot have a label");
  } else {
    checkString(errors, [...path, "label"], t.label, { min: 1, max: 45, required: true });
  }
  const min = t.min_length ?? 0;
  const max = t.max_length ?? 4000;
  if (!Number.isInteger(min) || min < 0 || min > 4000) errors.add([...path, "min_length"], "NUMBER_TYPE_MAX", "int value should be between 0 and 4000.");
  if (!Number.isInteger(max) || max < 1 || max > 4000) errors.add([...path, "max_length"], "NUMBER_TYPE_MAX", "int value should be between 1 and 4000.");
  checkString(errors, [...path, "value"], t.value, { max: Math.min(4000, max) });
  checkString(errors, [...path, "placeholder"], t.placeholder, { max: 100 });
}

function actionRow(w: Walk, path: ErrorPath, row: Json): void {
  const { errors } = w;
  const children = row.components;
  if (!Array.isArray(children) || children.length < 1 || children.length > 5) {
    return void errors.add([...path, "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
  }
  const hasSelect = children.some((c: Json) => SELECTS.has(c?.type));
  if (hasSelect && children.length > 1) {
    errors.add([...path, "components"], "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width");
  }
  children.forEach((c: Json, i: number) => {
    const cp = [...path, "components", i];
    w.total++;
    if (c?.type === 2) button(w, cp, c);
    else if (SELECTS.has(c?.type)) select(w, cp, c, false);
    else errors.add([...cp, "type"], "UNION_TYPE_CHOICES", `Value of field "type" must be one of (2, 3, 5, 6, 7, 8).`);
  });
}

function v2Component(w: Walk, path: ErrorPath, c: Json, allowed: Set<number>): void {
  const { errors } = w;
  w.total++;
  if (!allowed.has(c?.type)) {
    return void errors.add([...path, "type"], "UNION_TYPE_CHOICES", `Value of field "type" must be one of (${[...allowed].join(", ")}).`);
  }
  switch (c.type) {
    case 1: return actionRow(w, path, c);
    case 10:
      if (checkString(errors, [...path, "content"], c.content, { min: 1, max: 4000, required: true })) w.textChars += charLength(c.content);
      return;
    case 9:
      if (!Array.isArray(c.components) || c.components.length < 1 || c.components.length > 3) {
        errors.add([...path, "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 3 in length.");
      } else c.components.forEach((t: Json, i: number) => v2Component(w, [...path, "components", i], t, new Set([10])));
      if (c.accessory?.type === 2) { w.total++; button(w, [...path, "accessory"], c.accessory); }
      else if (c.accessory?.type === 11) { w.total++; checkUrl(errors, [...path, "accessory", "media", "url"], c.accessory.media?.url, ["http", "https", "attachment"]); }
      else errors.add([...path, "accessory"], "BASE_TYPE_REQUIRED", "This field is required");
      return;
    case 12:
      if (!Array.isArray(c.items) || c.items.length < 1 || c.items.length > 10) {
        errors.add([...path, "items"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 10 in length.");
      }
      return;
    case 17:
      if (!Array.isArray(c.components) || c.components.length < 1) {
        return void errors.add([...path, "components"], "BASE_TYPE_REQUIRED", "This field is required");
      }
      c.components.forEach((t: Json, i: number) => v2Component(w, [...path, "components", i], t, V2_IN_CONTAINER));
      return;
    default:
      return;
  }
}

export function validateMessageComponents(errors: FormErrors, components: Json, opts: { v2: boolean; path: ErrorPath }): void {
  if (components === undefined || components === null) return;
  const { path } = opts;
  if (!Array.isArray(components)) return void errors.add(path, "BASE_TYPE_LIST", "Must be a list");
  const w: Walk = { errors, customIds: new Set(), total: 0, textChars: 0 };
  if (!opts.v2) {
    if (components.length > 5) errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
    components.forEach((row: Json, i: number) => {
      if (row?.type !== 1) {
        errors.add([...path, i, "type"], "UNION_TYPE_CHOICES",
          `Value of field "type" must be one of (1,). (Components V2 types need the IS_COMPONENTS_V2 flag.)`);
      } else actionRow(w, [...path, i], row);
    });
    return;
  }
  components.forEach((c: Json, i: number) => v2Component(w, [...path, i], c, V2_TOP));
  if (w.total > 40) errors.add(path, "COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED", "Total number of components must be 40 or fewer.");
  if (w.textChars > 4000) errors.add(path, "COMPONENT_MAX_TEXT_EXCEEDED", "Total text display content must be 4000 characters or fewer.");
}

/** Modal (interaction response type 9) data. */
export function validateModal(errors: FormErrors, data: Json, path: ErrorPath = ["data"]): void {
  if (typeof data !== "object" || data === null) return void errors.add(path, "BASE_TYPE_REQUIRED", "This field is required");
  const w: Walk = { errors, customIds: new Set(), total: 0, textChars: 0 };
  checkString(errors, [...path, "custom_id"], data.custom_id, { min: 1, max: 100, required: true });
  checkString(errors, [...path, "title"], data.title, { min: 1, max: 45, required: true });
  const rows = data.components;
  if (!Array.isArray(rows) || rows.length < 1 || rows.length > 5) {
    return void errors.add([...path, "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
  }
  rows.forEach((row: Json, i: number) => {
    const rp = [...path, "components", i];
    if (row?.type === 1) {
      if (!Array.isArray(row.components) || row.components.length !== 1 || row.components[0]?.type !== 4) {
        return void errors.add([...rp, "components"], "MODAL_ACTION_ROW_TEXT_INPUT", "An action row in a modal must contain exactly one text input");
      }
      textInput(w, [...rp, "components", 0], row.components[0], false);
    } else if (row?.type === 18) {
      checkString(errors, [...rp, "label"], row.label, { min: 1, max: 45, required: true });
      checkString(errors, [...rp, "description"], row.description, { max: 100 });
      const c = row.component;
      if (c?.type === 4) textInput(w, [...rp, "component"], c, true);
      else if (SELECTS.has(c?.type)) select(w, [...rp, "component"], c, true);
      else if (c?.type === 19) customId(w, [...rp, "component"], c.custom_id);
      else errors.add([...rp, "component", "type"], "UNION_TYPE_CHOICES", `Value of field "type" must be one of (3, 4, 5, 6, 7, 8, 19).`);
    } else if (row?.type === 10) {
      checkString(errors, [...rp, "content"], row.content, { min: 1, max: 4000, required: true });
    } else {
      errors.add([...rp, "type"], "UNION_TYPE_CHOICES", `Value of field "type" must be one of (1, 10, 18).`);
    }
  });
}

/** Autocomplete result (interaction response type 8) data. */
export function validateAutocompleteChoices(errors: FormErrors, data: Json, path: ErrorPath = ["data"]): void {
  const choices = data?.choices;
  if (!Array.isArray(choices)) return void errors.add([...path, "choices"], "BASE_TYPE_REQUIRED", "This field is required");
  if (choices.length > 25) errors.add([...path, "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  choices.forEach((c: Json, i: number) => {
    const cp = [...path, "choices", i];
    checkString(errors, [...cp, "name"], c?.name, { min: 1, max: 100, required: true });
    if (typeof c?.value === "string") checkString(errors, [...cp, "value"], c.value, { min: 1, max: 100 });
    else if (typeof c?.value !== "number") errors.add([...cp, "value"], "BASE_TYPE_REQUIRED", "This field is required");
  });
}
