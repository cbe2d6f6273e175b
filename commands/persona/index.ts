import { ApplicationCommandType } from "discord-api-types/v10";
import { UserFacingError } from "../../src/errors.js";
import type { Command, Subcommand } from "../types.js";
import { leaderboardPageButton, leaderboardSubcommand } from "./leaderboard.js";
import { arenaSubcommand } from "./arena.js";
import { diffSubcommand } from "./diff.js";
import { duelSubcommand } from "./duel.js";
import { exportSubcommand } from "./export.js";
import { forkSaveForm, forkSubcommand } from "./fork.js";
import { hideSubcommand } from "./hide.js";
import { importSubcommand } from "./import.js";
import { insightForksButton, insightsSubcommand } from "./insights.js";
import { insightsSetupSubcommand } from "./insightsSetup.js";
import { lineageSubcommand } from "./lineage.js";
import { listSubcommand } from "./list.js";
import { newEditButton, newGoButton, newMakeButton, newNameForm, newPickSelect, newQuitButton, newSubcommand } from "./new.js";
import { quickBackButton, quickMenuSelect, quickSetSelect } from "./quickFork.js";
import { privacySubcommand } from "./privacy.js";
import { probeButton, probeSubcommand } from "./probe.js";
import { postScreenshotButton, screenshotSubcommand } from "./screenshot.js";
import { showcaseSubcommand } from "./showcase.js";
import { shareThreadButton } from "./shareThread.js";
import { retryButton } from "./retry.js";
import { shareSubcommand } from "./share.js";
import { shareExportButton, shareForkButton, shareTryButton } from "./shareButtons.js";
import { showSubcommand } from "./show.js";
import { transcriptSubcommand } from "./transcript.js";
import { trySubcommand } from "./try.js";
import { duelVoteButton } from "./vote.js";

/** The subcommands of `/persona`, in the order Discord shows them. */
const subcommands: readonly Subcommand[] = [
  trySubcommand, duelSubcommand, arenaSubcommand, listSubcommand, showSubcommand, leaderboardSubcommand,
  newSubcommand, forkSubcommand, lineageSubcommand, diffSubcommand, hideSubcommand,
  shareSubcommand, exportSubcommand, importSubcommand,
  screenshotSubcommand, transcriptSubcommand, privacySubcommand, showcaseSubcommand,
  probeSubcommand, insightsSubcommand, insightsSetupSubcommand,
];

function find(name: string | null): Subcommand {
  const sub = subcommands.find((s) => s.data.name === name);
  if (!sub) throw new UserFacingError("This subcommand is not available any more. Discord may still be showing an old command list.");
  return sub;
}

export const personaCommand: Command = {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: "persona",
    description: "Talk with, compare and rank AI persona specs",
    options: subcommands.map((s) => s.data),
  },
  execute: (ctx, app) => find(ctx.subcommand).execute(ctx, app),
  autocomplete: async (ctx, app) => {
    const sub = find(ctx.subcommand);
    if (sub.autocomplete) await sub.autocomplete(ctx, app);
    else await ctx.choices([]);
  },
  components: {
    retry: retryButton, lb: leaderboardPageButton, vote: duelVoteButton,
    forksave: forkSaveForm, shotpost: postScreenshotButton, sharethread: shareThreadButton,
    proberun: probeButton("run"), proberesume: probeButton("resume"), probecancel: probeButton("cancel"),
    sharetry: shareTryButton, sharefork: shareForkButton, shareexport: shareExportButton,
    newform: newNameForm, newpick: newPickSelect, newgo: newGoButton, newedit: newEditButton, newquit: newQuitButton, newmake: newMakeButton,
    quick: quickMenuSelect, quickset: quickSetSelect, quickback: quickBackButton,
    insightforks: insightForksButton,
  },
};
