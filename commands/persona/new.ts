import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { App } from "../../src/app.js";
import type { BuilderDraft } from "../../src/builder/builderDrafts.js";
import { choicesFromForm, nameForm } from "../../src/builder/nameForm.js";
import { buildDraft, draftProblemText, previewMessage } from "../../src/builder/previewMessage.js";
import { stepMessage } from "../../src/builder/stepMessage.js";
import { applyPick, builderSteps, LEAVE_OUT } from "../../src/builder/steps.js";
import { UserFacingError } from "../../src/errors.js";
import { featureLine } from "../../src/features/featureLine.js";
import { variantFeatures } from "../../src/features/variantFeatures.js";
import { personaCard } from "../../src/personas/card.js";
import { nameProblem, publishVariant } from "../../src/personas/publish.js";
import type { InteractionContext, OutgoingMessage } from "../../src/platform.js";
import { shortVariant } from "../../src/specs/variant.js";
import type { Handler, Subcommand } from "../types.js";
import { openConversation } from "./try.js";

/** The member's own draft named by the component, unless it has expired. */
function draftOf(ctx: InteractionContext, app: App): BuilderDraft {
  const draft = app.store.builderDrafts.get(Number(ctx.customArgs[0]), ctx.user.id);
  if (!draft) throw new UserFacingError("This persona builder has expired: drafts are kept for a day after your last change. Run `/persona new` to start again.");
  return draft;
}

/** Why the draft's name can't be used for a new persona: taken, shipped, or already one of the member's own. */
function newNameProblem(ctx: InteractionContext, app: App, name: string): string | undefined {
  const problem = nameProblem(app.store, name, ctx.user.id, null, ctx.canManageServer);
  if (problem) return problem;
  if (app.store.variants.nameClaim(name)) return `You already have a persona called \`${name}\`. A new persona needs a new name; to change that one, use \`/persona fork persona:${name}\`.`;
  return undefined;
}

/** The message for the step the draft is on, with a notice above it. */
function currentMessage(ctx: InteractionContext, app: App, draft: BuilderDraft, notice?: string): OutgoingMessage {
  const steps = builderSteps(app.outline);
  const at = { ...draft, step: Math.min(draft.step, steps.length - 1) };
  const message = steps[at.step]!.kind === "preview"
    ? previewMessage(app.outline, at, buildDraft(app.outline, at), newNameProblem(ctx, app, at.choices.name))
    : stepMessage(app.outline, at);
  return { ...message, content: [notice, message.content].filter(Boolean).join("\n\n").slice(0, 2000) || undefined };
}

/** Saves the draft at a step and shows that step on the message the component is on. */
async function moveTo(ctx: InteractionContext, app: App, draft: BuilderDraft): Promise<void> {
  const last = builderSteps(app.outline).length - 1;
  const next = { ...draft, step: Math.max(0, Math.min(draft.step, last)) };
  app.store.builderDrafts.save(next);
  await ctx.update(currentMessage(ctx, app, next));
}

/** `/persona new`: build a persona from the constitution outline, or pick up the one in progress. */
export const newSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "new",
    description: "Build a persona from the constitution outline, section by section",
    options: [{ type: ApplicationCommandOptionType.Boolean, name: "restart", description: "Start a new one even if you have one in progress" }],
  },
  async execute(ctx, app) {
    if (builderSteps(app.outline).length <= 1) {
      throw new UserFacingError("This bot has no constitution outline to build from: its folder is missing or empty. Ask whoever runs the bot to check `OUTLINE_DIR`.");
    }
    const draft = ctx.options.restart === true ? undefined : app.store.builderDrafts.latest(ctx.user.id);
    if (!draft) return ctx.showModal(nameForm());
    await ctx.reply(currentMessage(ctx, app, draft, `Welcome back: here is **${draft.choices.name}** where you left off. To start another instead, run \`/persona new restart:True\`.`));
  },
};

/** The name form (`persona:newform[:<draft>]`): starts a draft, or renames one. Problems are shown, and nothing typed is lost. */
export const newNameForm: Handler = async (ctx, app) => {
  const previous = ctx.customArgs[0] ? draftOf(ctx, app) : undefined;
  const choices = choicesFromForm(ctx.fields, ctx.user, previous?.choices);
  const draft = previous ? { ...previous, choices } : app.store.builderDrafts.create(ctx.user.id, choices);
  if (previous) app.store.builderDrafts.save(draft);
  const built = buildDraft(app.outline, { ...draft, choices: { ...choices, blocks: {}, dials: {} } });
  // Only the form's own fields: the blocks are still to come.
  const typed = built.ok ? [] : built.problems.filter((p) => p.field !== "body").map(draftProblemText);
  const problems = [newNameProblem(ctx, app, choices.name), ...typed].filter((p) => p !== undefined);
  const notice = problems.length > 0
    ? `⚠️ ${problems.join("\n")}\nWhat you typed is kept: fix it with **Edit name** (first step), or carry on and fix it before creating.`
    : `Building **${choices.displayName ?? choices.name}**: pick a block for each section, then set the dials. You can go back at any step.`;
  await ctx.reply(currentMessage(ctx, app, draft, notice));
};

/** A select (`persona:newpick:<draft>:<step>[:<dial>]`): a section's block (then on to the next step), or a dial's level. */
export const newPickSelect: Handler = async (ctx, app) => {
  const draft = draftOf(ctx, app);
  const at = Number(ctx.customArgs[1]);
  const step = builderSteps(app.outline)[at];
  if (!step || step.kind === "preview") throw new UserFacingError("This step has changed since the message was shown. Run `/persona new` to carry on from your draft.");
  const value = ctx.values[0] ?? LEAVE_OUT;
  if (step.kind === "section") {
    await moveTo(ctx, app, { ...draft, step: at + 1, choices: applyPick(draft.choices, { section: step.section.id, block: value }) });
  } else {
    await moveTo(ctx, app, { ...draft, step: at, choices: applyPick(draft.choices, { dial: ctx.customArgs[2] ?? "", value }) });
  }
};

/** Back / Next / Skip (`persona:newgo:<draft>:<step>`). */
export const newGoButton: Handler = async (ctx, app) => {
  await moveTo(ctx, app, { ...draftOf(ctx, app), step: Number(ctx.customArgs[1]) || 0 });
};

/** Edit name (`persona:newedit:<draft>`): the name form again, filled in. */
export const newEditButton: Handler = async (ctx, app) => {
  const draft = draftOf(ctx, app);
  await ctx.showModal(nameForm(draft.choices, draft.id));
};

/** Cancel (`persona:newquit:<draft>`): the draft is deleted. */
export const newQuitButton: Handler = async (ctx, app) => {
  app.store.builderDrafts.remove(draftOf(ctx, app).id);
  await ctx.update({ content: "Cancelled: the draft is deleted and nothing was created.", embeds: [], components: [], files: [] });
};

/** Create / Try it (`persona:newmake:<draft>:create|try`): a new family root, announced, and for Try it a thread. */
export const newMakeButton: Handler = async (ctx, app) => {
  const draft = draftOf(ctx, app);
  const trying = ctx.customArgs[1] === "try";
  if (trying && (!ctx.guildId || ctx.channel.isThread)) {
    throw new UserFacingError("**Try it** opens a thread, so it works in a server's text channel. Press **Create** here, then run `/persona try` in a channel.");
  }
  const built = buildDraft(app.outline, draft);
  if (!built.ok) throw new UserFacingError(`It can't be created yet:\n${built.problems.map((p) => `- ${draftProblemText(p)}`).join("\n")}`);
  const problem = newNameProblem(ctx, app, draft.choices.name);
  if (problem) throw new UserFacingError(problem);
  await ctx.deferUpdate();
  const variant = publishVariant(app.store, {
    spec: built.spec, parent: null, author: ctx.user, canManage: ctx.canManageServer, outline: app.outline, builtBlocks: draft.choices.blocks,
  });
  app.store.builderDrafts.remove(draft.id);
  const label = shortVariant(variant.name, variant.id);
  await ctx.update({ content: `Created \`${label}\`. The announcement is below.`, embeds: [], components: [] });
  const model = app.models.resolve(variant.spec.model ?? app.config.defaultModel);
  await ctx.followUp({
    content: `**${ctx.user.name}** built a new persona, \`${label}\`, from the constitution outline. Try it with \`/persona try persona:${variant.name}\`, or put it in a \`/persona duel\`.`,
    embeds: [personaCard(variant, { model: model.id, features: featureLine(variantFeatures(app, variant)) })],
  });
  if (trying) await ctx.followUp(await openConversation(app, ctx, variant, model));
};
