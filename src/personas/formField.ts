import { ComponentType, TextInputStyle } from "discord-api-types/v10";

/**
 * One labelled text field of a form (a Label component around a text input), filled in
 * with `value` when there is one, cut to the field's limit.
 */
export function formField(id: string, label: string, description: string, style: TextInputStyle, value: string | undefined, max: number, required: boolean) {
  return {
    type: ComponentType.Label as const,
    label,
    description,
    component: { type: ComponentType.TextInput as const, custom_id: id, style, max_length: max, required, ...(value ? { value: value.slice(0, max) } : {}) },
  };
}
