import { slugify } from "../cards/text.js";
import { deriveFeatures, type SpecFeatures } from "../features/deriveFeatures.js";
import { completeChangeNote, describeChanges } from "../features/describeChanges.js";
import { outlineHash } from "../features/featureStore.js";
import type { Outline } from "../outline/types.js";
import { UserFacingError } from "../errors.js";
import { SLUG, type PersonaSpec } from "../specs/schema.js";
import { serializeSpec } from "../specs/serialize.js";
import { shortVariant, variantId } from "../specs/variant.js";
import type { Store } from "../store/index.js";
import type { VariantRow } from "../store/variants.js";

export interface PublishRequest {
  spec: PersonaSpec;
  /** The variant this one was forked from; null for an import that starts a family. */
  parent: VariantRow | null;
  author: { id: string; name: string };
  /** Who wrote the character, when it is not the member publishing it (an imported card's creator). */
  credit?: string;
  note?: string;
  /** Members with Manage Server may publish versions under any community name. */
  canManage?: boolean;
  cardExtras?: string | null;
  image?: Buffer | null;
  /**
   * With the outline, a fork's note is completed with what it changed, e.g. "warmth 0.8 → 0.4",
   * and the variant's features are stored.
   */
  outline?: Outline;
  /** For a persona made with the builder: the blocks picked, recorded as they were chosen rather than recognised. */
  builtBlocks?: Record<string, string | null>;
}

/**
 * Stores a community variant (a fork, a new version or an import) after checking its
 * name: shipped names belong to their files, a community name to the member who first
 * used it, and a name stays within its family. Nothing is stored when a check fails.
 *
 * @throws UserFacingError saying what to change
 */
export function publishVariant(store: Store, request: PublishRequest): VariantRow {
  const { author } = request;
  const spec: PersonaSpec = { ...request.spec, author: request.credit ?? author.name, authorId: author.id };
  const name = spec.name;
  const id = variantId(spec);
  const existing = store.variants.get(id);
  if (existing) throw new UserFacingError(`Nothing the model sees has changed: this is the same as \`${shortVariant(existing.name, existing.id)}\`.`);

  const features = request.outline && specFeatures(spec, request.outline, request.builtBlocks);
  return store.db.transaction(() => {
    const problem = nameProblem(store, name, author.id, request.parent, request.canManage);
    if (problem) throw new UserFacingError(problem);
    const claim = store.variants.nameClaim(name);
    const family = claim?.family ?? request.parent?.family ?? name;
    if (!claim) store.variants.claimName(name, family, author.id);
    store.variants.addCommunity({
      id, spec, source: serializeSpec(spec), family, parentId: request.parent?.id ?? null, author: author.name, authorId: author.id,
      note: forkNote(store, request, features) || null, cardExtras: request.cardExtras, image: request.image,
    });
    if (features) store.features.record(id, features, request.builtBlocks ? "built" : "derived", outlineHash(request.outline!));
    return store.variants.get(id)!;
  })();
}

/** A new variant's features: derived from its text, with the builder's picks as its blocks when it was built. */
function specFeatures(spec: PersonaSpec, outline: Outline, builtBlocks: Record<string, string | null> | undefined): SpecFeatures {
  const features = deriveFeatures(spec, outline);
  if (builtBlocks) features.blocks = Object.fromEntries(outline.sections.filter((s) => !s.fromDials).map((s) => [s.id, builtBlocks[s.id] ?? null]));
  return features;
}

/** The member's note, completed with the blocks and dials the fork changed from its parent (as stored, else derived). */
function forkNote(store: Store, request: PublishRequest, features: SpecFeatures | undefined): string {
  const written = request.note?.trim() ?? "";
  const { parent, outline } = request;
  if (!parent || !outline || !features || outline.sections.length === 0) return written;
  const before = store.features.get(parent.id)?.features ?? deriveFeatures(parent.spec, outline);
  return completeChangeNote(written, describeChanges(before, features, outline)).slice(0, 500);
}

/**
 * Why a member may not publish under a name, if they may not: not a slug, a shipped
 * persona's name, another member's persona, or a name of another family than the parent's.
 */
export function nameProblem(store: Store, name: string, userId: string, parent: VariantRow | null, canManage = false): string | undefined {
  if (!SLUG.test(name)) return `\`${name.slice(0, 40)}\` is not a usable name: use 2–32 lowercase letters, digits and hyphens.`;
  if (store.variants.currentForFile(name)) return `\`${name}\` is a shipped persona, and its file is its only source. Give your version its own name with \`name:\`.`;
  const claim = store.variants.nameClaim(name);
  if (claim && claim.ownerId !== userId && !canManage) return `The name \`${name}\` belongs to another member's persona. Pick another \`name:\` for yours.`;
  if (claim && parent && parent.family !== claim.family) return `\`${name}\` is a persona of the \`${claim.family}\` family; a fork of \`${parent.name}\` needs a name of its own.`;
  return undefined;
}

/**
 * The name a fork gets when its author gives none: the same name (a new version) when
 * they own it, else the parent's name with theirs, e.g. `lantern-alice`, numbered if taken.
 */
export function defaultForkName(store: Store, parent: VariantRow, user: { id: string; name: string }): string {
  if (parent.origin === "community" && store.variants.nameClaim(parent.name)?.ownerId === user.id) return parent.name;
  const who = slugify(user.name, 12) || "fork";
  const base = `${parent.name.slice(0, 32 - who.length - 3)}-${who}`.replace(/-+/g, "-");
  const free = (n: string) => !store.variants.currentForFile(n) && (store.variants.nameClaim(n)?.ownerId ?? user.id) === user.id;
  for (let i = 1; i < 100; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if (free(candidate)) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`.slice(0, 32);
}
