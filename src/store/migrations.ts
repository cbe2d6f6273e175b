/**
 * The schema, as an append-only list: migration N brings a database from
 * `user_version` N-1 to N. Never edit a migration that has shipped; add one.
 */
export const migrations: readonly string[] = [
  /* 1: variants, sessions, messages */ `
  CREATE TABLE variants (
    id          TEXT PRIMARY KEY,            -- sha256 of the normalised spec (see specs/variant.ts)
    name        TEXT NOT NULL,               -- the persona's slug
    family      TEXT NOT NULL,               -- the lineage it belongs to (the root's name)
    parent_id   TEXT REFERENCES variants(id),
    author      TEXT,
    origin      TEXT NOT NULL CHECK (origin IN ('file', 'community')),
    spec_json   TEXT NOT NULL,               -- the parsed spec
    source      TEXT NOT NULL,               -- the spec file's text, as written
    created_at  INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX variants_by_name ON variants (name, created_at);

  -- Which variant each shipped file currently holds; files are upserted at startup.
  CREATE TABLE persona_files (
    name        TEXT PRIMARY KEY,
    variant_id  TEXT NOT NULL REFERENCES variants(id),
    path        TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    thread_id       TEXT NOT NULL UNIQUE,
    guild_id        TEXT,
    channel_id      TEXT NOT NULL,           -- the parent channel
    variant_id      TEXT NOT NULL REFERENCES variants(id),
    model           TEXT NOT NULL,           -- provider/model
    created_by      TEXT NOT NULL,
    card_message_id TEXT,
    created_at      INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE messages (
    id             INTEGER PRIMARY KEY,
    session_id     INTEGER NOT NULL REFERENCES sessions(id),
    role           TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content        TEXT NOT NULL,
    author_id      TEXT,
    author_name    TEXT,
    -- user turns: pending until answered, failed when the model call failed (kept for a retry)
    status         TEXT NOT NULL CHECK (status IN ('pending', 'answered', 'failed', 'complete')),
    model          TEXT,
    input_tokens   INTEGER,
    output_tokens  INTEGER,
    cached_tokens  INTEGER,
    finish_reason  TEXT,
    created_at     INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX messages_by_session ON messages (session_id, id);

  -- A reply can span several Discord messages; each maps back to its turn.
  CREATE TABLE discord_messages (
    discord_id  TEXT PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES messages(id),
    part        INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX discord_messages_by_turn ON discord_messages (message_id, part);
  `,
  /* 2: votes on persona replies, with running tallies for the leaderboard */ `
  -- A spec may name its author's Discord id, so the author's own votes are stored but not ranked.
  ALTER TABLE variants ADD COLUMN author_id TEXT;

  CREATE TABLE votes (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES messages(id),  -- the reply (turn) voted on
    voter_id    TEXT NOT NULL,
    value       INTEGER NOT NULL CHECK (value IN (-1, 1)),
    variant_id  TEXT NOT NULL REFERENCES variants(id),
    model       TEXT NOT NULL,
    guild_id    TEXT NOT NULL DEFAULT '',
    self_vote   INTEGER NOT NULL DEFAULT 0 CHECK (self_vote IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (voter_id, message_id)
  ) STRICT;
  CREATE INDEX votes_by_voter_time ON votes (voter_id, created_at);

  -- Kept by triggers in the same transaction as each vote, so rankings read one row per
  -- (variant, model, server) however many votes there are.
  CREATE TABLE vote_tallies (
    variant_id  TEXT NOT NULL,
    model       TEXT NOT NULL,
    guild_id    TEXT NOT NULL,
    up          INTEGER NOT NULL DEFAULT 0,
    down        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (variant_id, model, guild_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TRIGGER votes_tally_insert AFTER INSERT ON votes WHEN NEW.self_vote = 0 BEGIN
    INSERT INTO vote_tallies (variant_id, model, guild_id, up, down)
    VALUES (NEW.variant_id, NEW.model, NEW.guild_id, NEW.value = 1, NEW.value = -1)
    ON CONFLICT DO UPDATE SET up = up + (NEW.value = 1), down = down + (NEW.value = -1);
  END;
  CREATE TRIGGER votes_tally_delete AFTER DELETE ON votes WHEN OLD.self_vote = 0 BEGIN
    UPDATE vote_tallies SET up = up - (OLD.value = 1), down = down - (OLD.value = -1)
    WHERE variant_id = OLD.variant_id AND model = OLD.model AND guild_id = OLD.guild_id;
  END;
  CREATE TRIGGER votes_tally_update AFTER UPDATE OF value ON votes WHEN OLD.self_vote = 0 BEGIN
    UPDATE vote_tallies SET up = up - (OLD.value = 1) + (NEW.value = 1), down = down - (OLD.value = -1) + (NEW.value = -1)
    WHERE variant_id = OLD.variant_id AND model = OLD.model AND guild_id = OLD.guild_id;
  END;
  `,
  /* 3: blind duels — a duel thread holds two sessions (sides 0 and 1), each with its own history */ `
  CREATE TABLE duels (
    id          INTEGER PRIMARY KEY,
    thread_id   TEXT NOT NULL UNIQUE,
    guild_id    TEXT,
    channel_id  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('spec', 'model')),  -- two specs on one model, or one spec on two models
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  ) STRICT;

  -- Sessions are rebuilt (SQLite's way to change a constraint): a thread may now hold a session per side.
  CREATE TABLE sessions_v3 (
    id              INTEGER PRIMARY KEY,
    thread_id       TEXT NOT NULL,
    duel_id         INTEGER REFERENCES duels(id),
    side            INTEGER NOT NULL DEFAULT 0 CHECK (side IN (0, 1)),
    guild_id        TEXT,
    channel_id      TEXT NOT NULL,
    variant_id      TEXT NOT NULL REFERENCES variants(id),
    model           TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    card_message_id TEXT,
    created_at      INTEGER NOT NULL,
    UNIQUE (thread_id, side)
  ) STRICT;
  INSERT INTO sessions_v3 (id, thread_id, guild_id, channel_id, variant_id, model, created_by, card_message_id, created_at)
    SELECT id, thread_id, guild_id, channel_id, variant_id, model, created_by, card_message_id, created_at FROM sessions;
  DROP TABLE sessions;
  ALTER TABLE sessions_v3 RENAME TO sessions;

  -- One round of a duel: the replies of both sides to the same message(s), shown as A and B.
  CREATE TABLE battles (
    id               INTEGER PRIMARY KEY,
    duel_id          INTEGER NOT NULL REFERENCES duels(id),
    a_side           INTEGER NOT NULL CHECK (a_side IN (0, 1)),  -- which side is shown as A, drawn per battle
    status           TEXT NOT NULL CHECK (status IN ('replying', 'open', 'flagged', 'decided')),
    reply0_id        INTEGER REFERENCES messages(id),
    reply1_id        INTEGER REFERENCES messages(id),
    flag_reason      TEXT,                                        -- why a flagged battle is excluded
    vote_message_id  TEXT UNIQUE,
    created_at       INTEGER NOT NULL,
    decided_at       INTEGER
  ) STRICT;
  CREATE INDEX battles_by_duel ON battles (duel_id, id);

  -- One vote per member per battle; a vote never changes once cast (the voter has seen who is who).
  CREATE TABLE battle_votes (
    battle_id   INTEGER NOT NULL REFERENCES battles(id),
    voter_id    TEXT NOT NULL,
    choice      TEXT NOT NULL CHECK (choice IN ('a', 'b', 'tie', 'bothbad')),
    self_vote   INTEGER NOT NULL DEFAULT 0 CHECK (self_vote IN (0, 1)),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (battle_id, voter_id)
  ) STRICT, WITHOUT ROWID;
  `,
  /* 4: community variants — forks and imports, with change notes, hiding and card extras */ `
  ALTER TABLE variants ADD COLUMN note TEXT;            -- what a fork changed, in its author's words
  ALTER TABLE variants ADD COLUMN hidden_at INTEGER;    -- hidden from lists; its votes and transcripts stay
  ALTER TABLE variants ADD COLUMN hidden_by TEXT;
  ALTER TABLE variants ADD COLUMN card_extras TEXT;     -- Character Card fields we do not use, kept for export (JSON)
  ALTER TABLE variants ADD COLUMN image BLOB;           -- the PNG an imported card came in, reused as its portrait
  CREATE INDEX variants_by_family ON variants (family, created_at);

  -- A community name belongs to one persona: the first variant to use it claims it for its family.
  -- A fork form between being shown and submitted: which variant, under which name, and the note given with the command.
  CREATE TABLE fork_drafts (
    id          INTEGER PRIMARY KEY,
    user_id     TEXT NOT NULL,
    parent_id   TEXT NOT NULL REFERENCES variants(id),
    name        TEXT NOT NULL,
    note        TEXT,
    created_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE persona_names (
    name        TEXT PRIMARY KEY,
    family      TEXT NOT NULL,
    owner_id    TEXT NOT NULL,                          -- who may publish new versions under this name
    created_at  INTEGER NOT NULL
  ) STRICT;
  `,
  /* 5: members who asked never to be named in exports */ `
  CREATE TABLE member_privacy (
    user_id     TEXT PRIMARY KEY,
    anonymous   INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    updated_at  INTEGER NOT NULL
  ) STRICT;
  `,
  /* 6: per-server settings, starting with the showcase channel for shared screenshots */ `
  CREATE TABLE guild_settings (
    guild_id             TEXT PRIMARY KEY,
    showcase_channel_id  TEXT,
    updated_by           TEXT NOT NULL,
    updated_at           INTEGER NOT NULL
  ) STRICT;
  `,
  /* 7: probe runs — jobs that survive a restart, one row per item result */ `
  CREATE TABLE probe_runs (
    id             INTEGER PRIMARY KEY,
    variant_id     TEXT NOT NULL REFERENCES variants(id),
    model          TEXT NOT NULL,
    suite          TEXT NOT NULL,
    suite_version  INTEGER NOT NULL,
    judge_version  TEXT NOT NULL,             -- the judge prompts and model the scores depend on
    status         TEXT NOT NULL CHECK (status IN ('confirming', 'running', 'paused', 'done', 'cancelled')),
    pause_reason   TEXT,
    items          INTEGER NOT NULL,
    summary_json   TEXT,                      -- the suite's scores with intervals, once done
    requested_by   TEXT NOT NULL,
    guild_id       TEXT,
    channel_id     TEXT,
    message_id     TEXT,                      -- the Discord message that shows progress
    created_at     INTEGER NOT NULL,
    finished_at    INTEGER
  ) STRICT;
  -- Results are reused for the same variant, model, suite version and judge.
  CREATE INDEX probe_runs_by_key ON probe_runs (variant_id, model, suite, suite_version, judge_version, status);

  CREATE TABLE probe_results (
    run_id       INTEGER NOT NULL REFERENCES probe_runs(id),
    item         INTEGER NOT NULL,
    result_json  TEXT NOT NULL,               -- transcripts, judge reasoning, score or why unscored
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (run_id, item)
  ) STRICT, WITHOUT ROWID;
  `,
  /* 8: the persona builder's drafts, and every variant's features */ `
  -- A /persona new flow in progress: the step it is on and the choices so far (JSON), kept a day after the last change.
  CREATE TABLE builder_drafts (
    id            INTEGER PRIMARY KEY,
    user_id       TEXT NOT NULL,
    step          INTEGER NOT NULL,
    choices_json  TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX builder_drafts_by_user ON builder_drafts (user_id, updated_at);

  -- What each variant is made of (outline blocks, dials, sections, length, examples), for show, fork notes and insights.
  CREATE TABLE variant_features (
    variant_id     TEXT PRIMARY KEY REFERENCES variants(id),
    features_json  TEXT NOT NULL,
    source         TEXT NOT NULL CHECK (source IN ('built', 'derived')),  -- blocks recorded by the builder, or recognised
    outline_hash   TEXT NOT NULL,             -- the outline the blocks were recognised against
    updated_at     INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
  /* 9: per-server insights — where the report is posted when it changes, and the arena's opt-in */ `
  CREATE TABLE insight_settings (
    guild_id           TEXT PRIMARY KEY,
    channel_id         TEXT,                  -- posted here when the findings change; NULL: not posted
    every_hours        INTEGER NOT NULL CHECK (every_hours BETWEEN 1 AND 168),
    arena_experiments  INTEGER NOT NULL CHECK (arena_experiments IN (0, 1)),  -- the arena favours suggested experiments
    last_digest        TEXT,                  -- what the last posted report said, to post only changes
    last_checked_at    INTEGER,
    updated_by         TEXT NOT NULL,
    updated_at         INTEGER NOT NULL
  ) STRICT;
  `,
];
