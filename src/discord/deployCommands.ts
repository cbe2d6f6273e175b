import "dotenv/config";
import { REST, Routes, type RESTGetAPIOAuth2CurrentApplicationResult } from "discord.js";
import { parseArgs } from "node:util";
import { commands } from "../../commands/index.js";
import { ConfigError, loadConfig } from "../config.js";

/**
 * `npm run deploy-commands [-- --guild <id>]`: registers the slash commands, globally
 * (may take up to an hour to show everywhere) or in one server (at once). Starting the
 * bot never does this.
 */
async function deploy(): Promise<void> {
  const { values } = parseArgs({ options: { guild: { type: "string" } } });
  const config = loadConfig();
  const rest = new REST(config.discord.apiBaseUrl ? { api: config.discord.apiBaseUrl } : {}).setToken(config.discord.token);
  const application = (await rest.get(Routes.currentApplication())) as RESTGetAPIOAuth2CurrentApplicationResult;
  const body = commands.map((c) => c.data);
  const guild = values.guild ?? process.env.DISCORD_GUILD_ID;
  const route = guild ? Routes.applicationGuildCommands(application.id, guild) : Routes.applicationCommands(application.id);
  await rest.put(route, { body });
  process.stdout.write(`Registered ${body.length} command(s) ${guild ? `in server ${guild}` : "globally"}: ${body.map((c) => `/${c.name}`).join(", ")}\n`);
}

deploy().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
