import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate, openDatabase, schemaVersion, type Db } from "../../src/store/db.js";
import { migrations } from "../../src/store/migrations.js";

function schema(db: Db): string[] {
  return (db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as { sql: string }[]).map((r) => r.sql);
}

describe("migrations", () => {
  it("bring an empty database to the latest version, in WAL mode", () => {
    const path = join(mkdtempSync(join(tmpdir(), "db-")), "test.sqlite");
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.close();
  });

  it.each(migrations.map((_, i) => i))("bring a database at version %i to the same schema as a fresh one", (from) => {
    const fresh = openDatabase(":memory:");
    const old = openDatabase(":memory:", { migrateTo: from });
    expect(schemaVersion(old)).toBe(from);
    migrate(old);
    expect(schemaVersion(old)).toBe(migrations.length);
    expect(schema(old)).toEqual(schema(fresh));
  });

  it("refuses a database newer than this build", () => {
    const db = openDatabase(":memory:");
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this build/);
  });
});
