import "dotenv/config";
import { EXPORT_DATASET_USAGE, runExportDataset } from "./exportDataset.js";
import { EXPORT_PERSONAS_USAGE, runExportPersonas } from "./exportPersonas.js";
import { INSIGHTS_USAGE, runInsights } from "./insights.js";
import { LEADERBOARD_USAGE, runLeaderboard } from "./leaderboard.js";
import { NEW_USAGE, runNew } from "./newPersona.js";
import { PROBE_USAGE, runProbe } from "./probe.js";
import { runValidate, VALIDATE_USAGE } from "./validate.js";

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
${LEADERBOARD_USAGE}
${VALIDATE_USAGE}
${EXPORT_PERSONAS_USAGE}
${EXPORT_DATASET_USAGE}
${PROBE_USAGE}
${NEW_USAGE}
${INSIGHTS_USAGE}
`;

const COMMANDS: Record<string, (args: string[]) => number | Promise<number>> = {
  leaderboard: runLeaderboard,
  validate: runValidate,
  "export-personas": runExportPersonas,
  "export-dataset": (args) => runExportDataset(args),
  probe: runProbe,
  new: runNew,
  insights: (args) => runInsights(args),
};

/** `npm run cli`: the bot's data and specs outside Discord; never needs a token. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    const asked = !command || command === "--help";
    process.stderr.write(asked ? USAGE : `Unknown command "${command}".\n\n${USAGE}`);
    return asked ? 0 : 2;
  }
  return run(rest);
}

process.exitCode = await main(process.argv.slice(2));
