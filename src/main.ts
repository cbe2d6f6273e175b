import "dotenv/config";
import { ConfigError, loadConfig } from "./config.js";
import { startBot } from "./discord/bot.js";
import { createLogger } from "./log.js";
import { openStore } from "./store/index.js";

/** `npm start`: configuration, database, then the bot, until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the README's configuration table.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const store = openStore(config.databasePath);
  const bot = await startBot({ config, store, logger });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await bot.stop();
    store.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));
}

main().catch((error: unknown) => {
  process.stderr.write(`personalab failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
