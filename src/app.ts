import type { Config } from "./config.js";
import { createConversationService, type ConversationService } from "./chat/conversation.js";
import { createDuelService, type DuelService } from "./duels/duelService.js";
import { createProbeService, type ProbeService } from "./probeRuns/probeService.js";
import { loadOutline } from "./outline/loadOutline.js";
import type { Outline } from "./outline/types.js";
import { createModelRegistry, type ModelRegistry } from "./llm/registry.js";
import type { Logger } from "./log.js";
import { createCatalog, type Catalog } from "./personas/catalog.js";
import type { ChatPlatform } from "./platform.js";
import { formatProblem } from "./specs/parse.js";
import { loadPersonaDir } from "./specs/load.js";
import type { Store } from "./store/index.js";

/** Everything a command handler may use. Built once per process from its parts. */
export interface App {
  config: Readonly<Config>;
  store: Store;
  catalog: Catalog;
  models: ModelRegistry;
  conversations: ConversationService;
  duels: DuelService;
  probes: ProbeService;
  /** The constitution outline (empty when its folder is missing): forks' change notes name the blocks and dials they changed. */
  outline: Outline;
  platform: ChatPlatform;
  logger: Logger;
}

/**
 * Loads the shipped personas into the store (reporting broken files, keeping the rest)
 * and wires the core services to a chat platform.
 */
export async function createApp(deps: { config: Readonly<Config>; store: Store; platform: ChatPlatform; logger: Logger }): Promise<App> {
  const { config, store, platform, logger } = deps;
  const { specs, problems } = await loadPersonaDir(config.personasDir);
  for (const problem of problems) logger.warn({ problem }, `persona skipped: ${formatProblem(problem)}`);
  const { added } = store.variants.syncFiles(specs);
  logger.info({ personas: specs.length, skipped: problems.length, newVariants: added }, "personas loaded");
  const models = createModelRegistry(config);
  const conversations = createConversationService({ store, models, port: platform, llm: config.llm, logger });
  const duels = createDuelService({ store, models, port: platform, llm: config.llm, logger });
  const probes = await createProbeService({ store, models, config, logger, port: platform });
  const { outline, problems: outlineProblems } = await loadOutline(config.outlineDir);
  for (const problem of outlineProblems) logger.warn({ problem }, `outline file skipped: ${formatProblem(problem)}`);
  const derived = store.features.refresh(outline);
  if (derived > 0) logger.info({ variants: derived }, "variant features derived");
  return { config, store, catalog: createCatalog(store.variants), models, conversations, duels, probes, outline, platform, logger };
}
