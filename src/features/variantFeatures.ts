import type { App } from "../app.js";
import type { VariantRow } from "../store/variants.js";
import { deriveFeatures, type SpecFeatures } from "./deriveFeatures.js";

/** A variant's stored features, or, for one stored before its features were (a moment ago), derived now. */
export function variantFeatures(app: Pick<App, "store" | "outline">, variant: VariantRow): SpecFeatures {
  return app.store.features.get(variant.id)?.features ?? deriveFeatures(variant.spec, app.outline);
}
