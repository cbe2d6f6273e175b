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
];
