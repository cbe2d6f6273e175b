import { openDatabase, type Db } from "./db.js";
import { createMessageStore } from "./messages.js";
import { createSessionStore } from "./sessions.js";
import { createVariantStore } from "./variants.js";
import { createVoteStore } from "../votes/voteStore.js";
import { createDuelStore } from "../duels/duelStore.js";
import { createForkDraftStore } from "../personas/forkDrafts.js";
import { createGuildSettingsStore } from "../sharing/guildSettings.js";
import { createPrivacyStore } from "../sharing/privacyStore.js";
import { createRunStore } from "../probeRuns/runStore.js";
import { createBuilderDraftStore } from "../builder/builderDrafts.js";
import { createFeatureStore } from "../features/featureStore.js";
import { createInsightSettingsStore } from "../insightReport/insightSettings.js";

export type Store = ReturnType<typeof createStore>;

/** All repositories over one database connection. */
export function createStore(db: Db, now: () => number = Date.now) {
  return {
    db,
    variants: createVariantStore(db, now),
    sessions: createSessionStore(db, now),
    messages: createMessageStore(db, now),
    votes: createVoteStore(db, now),
    duels: createDuelStore(db, now),
    forkDrafts: createForkDraftStore(db, now),
    privacy: createPrivacyStore(db, now),
    guildSettings: createGuildSettingsStore(db, now),
    probeRuns: createRunStore(db, now),
    builderDrafts: createBuilderDraftStore(db, now),
    features: createFeatureStore(db, now),
    insightSettings: createInsightSettingsStore(db, now),
    close: () => db.close(),
  };
}

export function openStore(path: string, now?: () => number): Store {
  return createStore(openDatabase(path), now);
}
