import { ApplicationCommandOptionType, ButtonStyle, ComponentType } from "discord-api-types/v10";
import { UserFacingError } from "../../src/errors.js";
import { resultMessage } from "../../src/probeRuns/probeMessages.js";
import type { Handler, Subcommand } from "../types.js";
import { autocompletePersonaOrModel, modelOption, personaOption } from "./options.js";

const thousands = (n: number) => n.toLocaleString("en");

/** `/persona probe`: runs a probe suite on a persona, after showing what it will cost. */
export const probeSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "probe",
    description: "Measure a persona with a probe suite",
    options: [
      personaOption,
      { type: ApplicationCommandOptionType.String, name: "suite", description: "The probe suite", required: true, autocomplete: true, max_length: 40 },
      modelOption,
    ],
  },
  async autocomplete(ctx, app) {
    if (ctx.focused?.name !== "suite") return autocompletePersonaOrModel(ctx, app);
    const q = (ctx.focused.value ?? "").toLowerCase();
    await ctx.choices(app.probes.suiteNames().filter((s) => s.name.includes(q)).slice(0, 25).map((s) => ({ name: `${s.name} — ${s.description}`.slice(0, 100), value: s.name })));
  },
  async execute(ctx, app) {
    const variant = app.catalog.resolve(String(ctx.options.persona ?? ""));
    const model = app.models.resolve(String(ctx.options.model ?? variant.spec.model ?? app.config.defaultModel));
    const prepared = app.probes.prepare({ variant, model, suite: String(ctx.options.suite ?? ""), requestedBy: ctx.user.id, guildId: ctx.guildId, channelId: ctx.channel.id });
    if (prepared.kind === "cached") {
      await ctx.defer();
      await ctx.reply(await resultMessage(prepared.label, prepared.summary, true, prepared.comparison));
      return;
    }
    const { count, cost, run } = prepared;
    const price = cost === null ? "no price is known for these models (see PRICES_FILE)" : `about $${cost < 0.01 ? cost.toFixed(4) : cost.toFixed(2)}`;
    await ctx.reply({
      content: [
        `**${prepared.label.suite}** on \`${prepared.label.variant}\` with \`${model.id}\`: ${count.items} items, ${thousands(count.personaCalls)} calls to the persona` +
          (count.judgeCalls ? ` and ${thousands(count.judgeCalls)} to the judge (\`${app.config.probes.judgeModel}\`)` : "") + ".",
        `About ${thousands(count.inputTokens)} input and ${thousands(count.outputTokens)} output tokens: ${price}. Run it?`,
      ].join("\n"),
      components: [{
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Primary, label: "Run", custom_id: `persona:proberun:${run.id}` },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Cancel", custom_id: `persona:probecancel:${run.id}` },
        ],
      }],
      ephemeral: true,
    });
  },
};

/** Run / Resume / Cancel under a probe run (`persona:proberun|proberesume|probecancel:<run>`). */
export function probeButton(action: "run" | "resume" | "cancel"): Handler {
  return async (ctx, app) => {
    const run = app.store.probeRuns.get(Number(ctx.customArgs[0]));
    if (!run) throw new UserFacingError("This probe run no longer exists.");
    const expected = action === "resume" ? "paused" : "confirming";
    if (run.status !== expected) throw new UserFacingError(`This probe run is ${run.status} already.`);
    if (action !== "resume" && run.requestedBy !== ctx.user.id) throw new UserFacingError("Only the member who asked for this run can start or cancel it.");
    if (action === "cancel") {
      app.probes.cancel(run.id);
      await ctx.update({ content: "Cancelled: nothing was sent to any model.", components: [] });
      return;
    }
    app.probes.start(run.id);
    if (action === "run") await ctx.update({ content: `Started. Progress and results appear in <#${run.channelId}>.`, components: [] });
    else await ctx.deferUpdate();
  };
}
