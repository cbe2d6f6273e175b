import type { App } from "../../src/app.js";
import { builtChoices, rebuild } from "../../src/builder/quickFork.js";
import { parseTarget, quickForkChoices, quickForkMenu } from "../../src/builder/quickForkMessage.js";
import { applyPick } from "../../src/builder/steps.js";
import { UserFacingError } from "../../src/errors.js";
import { variantFeatures } from "../../src/features/variantFeatures.js";
import type { BuildChoices } from "../../src/outline/buildSpec.js";
import type { ForkDraft } from "../../src/personas/forkDrafts.js";
import { publishVariant } from "../../src/personas/publish.js";
import type { InteractionContext } from "../../src/platform.js";
import { shortVariant } from "../../src/specs/variant.js";
import type { VariantRow } from "../../src/store/variants.js";
import type { Handler } from "../types.js";
import { forkAnnouncement } from "./fork.js";

/** The choices that rebuild the variant, or why it can't be changed from menus. */
function choicesOf(app: App, parent: VariantRow): BuildChoices {
  const choices = builtChoices(parent.spec, variantFeatures(app, parent), app.outline);
  if (!choices) {
    throw new UserFacingError(
      `\`${parent.name}\` has text of its own that the outline can't rebuild, so it can't be changed from menus without losing it. ` +
        `Quick forks work on personas made with \`/persona new\` (and their quick forks). Fork it with the form instead: \`/persona fork persona:${parent.name}\`.`,
    );
  }
  return choices;
}

/** The member's fork draft and its parent's choices, for the quick fork's components. */
function quickDraft(ctx: InteractionContext, app: App): { draft: ForkDraft; parent: VariantRow; choices: BuildChoices } {
  const draft = app.store.forkDrafts.get(Number(ctx.customArgs[0]), ctx.user.id);
  const parent = draft && app.store.variants.get(draft.parentId);
  if (!draft || !parent) throw new UserFacingError("This quick fork has expired. Run `/persona fork quick:True` again.");
  return { draft, parent, choices: choicesOf(app, parent) };
}

const heading = (parent: VariantRow, name: string) => `Forking \`${shortVariant(parent.name, parent.id)}\` as \`${name}\`.`;

/** Starts a quick fork: checks the parent can be rebuilt, keeps the name and note, and shows the menus. */
export async function openQuickFork(ctx: InteractionContext, app: App, parent: VariantRow, fork: { name: string; note?: string }): Promise<void> {
  const choices = choicesOf(app, parent);
  const draft = app.store.forkDrafts.create({ userId: ctx.user.id, parentId: parent.id, name: fork.name, note: fork.note ?? null });
  await ctx.reply(quickForkMenu(app.outline, choices, draft, heading(parent, fork.name)));
}

/** A pick from the first menus (`persona:quick:<draft>:<kind>`): the values to choose from. */
export const quickMenuSelect: Handler = async (ctx, app) => {
  const { draft, choices } = quickDraft(ctx, app);
  const target = parseTarget(ctx.values[0] ?? "");
  const message = target && quickForkChoices(app.outline, choices, draft.id, target);
  if (!message) throw new UserFacingError("That dial or section is no longer in the outline. Run `/persona fork quick:True` again.");
  await ctx.update(message);
};

/** Back (`persona:quickback:<draft>`): the first menus again. */
export const quickBackButton: Handler = async (ctx, app) => {
  const { draft, parent, choices } = quickDraft(ctx, app);
  await ctx.update(quickForkMenu(app.outline, choices, draft.id, heading(parent, draft.name)));
};

/** The new value (`persona:quickset:<draft>:dial|block:<id>`): the fork is rebuilt with that one change, saved and announced. */
export const quickSetSelect: Handler = async (ctx, app) => {
  const { draft, parent, choices } = quickDraft(ctx, app);
  const [kind, id = ""] = ctx.customArgs.slice(1);
  const value = ctx.values[0] ?? "";
  const changed = applyPick(choices, kind === "dial" ? { dial: id, value } : { section: id, block: value });
  const spec = rebuild(app.outline, parent.spec, { ...changed, name: draft.name });
  const variant = publishVariant(app.store, {
    spec, parent, author: ctx.user, note: draft.note ?? undefined, canManage: ctx.canManageServer, outline: app.outline, builtBlocks: changed.blocks,
  });
  app.store.forkDrafts.remove(draft.id);
  await ctx.update({ content: `Saved \`${shortVariant(variant.name, variant.id)}\`: ${variant.note ?? "one change"}.`, embeds: [], components: [] });
  await ctx.followUp(forkAnnouncement(app, ctx, parent, variant));
};
