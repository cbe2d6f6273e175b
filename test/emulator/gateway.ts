/** The gateway: HELLO/IDENTIFY/RESUME/heartbeats over ws (JSON, uncompressed), sessions, and intent-filtered dispatch. */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { randomBytes } from "node:crypto";
import { WebSocketServer, WebSocket } from "ws";
import { checkIntents, applicationFlags, INTENTS, type PrivilegedIntents } from "./intents.js";
import type { Json } from "./types.js";

export interface SessionView {
  intents: number;
  shard: [number, number];
}

export interface GatewayHost {
  token: string;
  applicationId: string;
  privilegedIntents: PrivilegedIntents;
  heartbeatIntervalMs: number;
  resumeWindowMs: number;
  gatewayUrl(): string;
  botUserJson(): Json;
  /** guild ids, in creation order */
  guildIds(): string[];
  guildCreatePayload(guildId: string, session: SessionView): Json;
  guildMembersChunk(guildId: string, request: Json, session: SessionView): Json;
  onDispatch(t: string, d: Json): void;
  log(line: string): void;
}

interface Session extends SessionView {
  id: string;
  seq: number;
  socket: WebSocket | null;
  buffer: { s: number; data: string }[];
  closedAt: number | null;
}

interface Conn {
  ws: WebSocket;
  session: Session | null;
  lastHeartbeat: number;
  watchdog: NodeJS.Timeout;
}

const BUFFER_LIMIT = 2000;

export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export class Gateway {
  private wss = new WebSocketServer({ noServer: true });
  private sessions = new Map<string, Session>();
  private conns = new Set<Conn>();
  sessionStarts = 0;

  constructor(private host: GatewayHost) {
    this.wss.on("connection", (ws: WebSocket, req: IncomingMessage) => this.onConnection(ws, req));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit("connection", ws, req));
  }

  get connected(): boolean {
    return [...this.sessions.values()].some((s) => s.socket?.readyState === WebSocket.OPEN);
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const q = new URL(req.url ?? "/", "ws://x").searchParams;
    if (q.get("v") !== "10") return ws.close(4012, "Invalid API version.");
    if ((q.get("encoding") ?? "json") !== "json") return ws.close(4002, "Error while decoding payload.");
    if (q.get("compress")) return ws.close(4002, "Error while decoding payload."); // no zlib-stream here
    const conn: Conn = {
      ws, session: null, lastHeartbeat: Date.now(),
      watchdog: setInterval(() => {
        // Discord drops a connection that stops heartbeating; give it the interval plus generous slack.
        if (Date.now() - conn.lastHeartbeat > this.host.heartbeatIntervalMs * 1.5 + 5000) ws.close(4009, "Session timed out.");
      }, Math.max(1000, this.host.heartbeatIntervalMs)).unref(),
    };
    this.conns.add(conn);
    ws.on("message", (raw, isBinary) => this.onMessage(conn, raw.toString(), isBinary));
    ws.on("close", (code) => this.onClose(conn, code));
    ws.on("error", () => undefined);
    this.send(ws, { op: 10, d: { heartbeat_interval: this.host.heartbeatIntervalMs, _trace: ["emulator"] }, s: null, t: null });
  }

  private send(ws: WebSocket, payload: Json): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  }

  private onClose(conn: Conn, code: number): void {
    clearInterval(conn.watchdog);
    this.conns.delete(conn);
    const s = conn.session;
    if (!s || s.socket !== conn.ws) return;
    s.socket = null;
    s.closedAt = Date.now();
    // A client closing with 1000/1001 ends its session; anything else may be resumed.
    if (code === 1000 || code === 1001) this.sessions.delete(s.id);
  }

  private onMessage(conn: Conn, text: string, isBinary: boolean): void {
    let p: Json;
    try {
      if (isBinary) throw new Error("binary");
      p = JSON.parse(text);
    } catch {
      return conn.ws.close(4002, "Error while decoding payload.");
    }
    if (typeof p !== "object" || p === null || typeof p.op !== "number") return conn.ws.close(4002, "Error while decoding payload.");
    switch (p.op) {
      case 1:
        conn.lastHeartbeat = Date.now();
        return this.send(conn.ws, { op: 11, d: null, s: null, t: null });
      case 2:
        return this.identify(conn, p.d);
      case 6:
        return this.resume(conn, p.d);
      case 3:
      case 4:
        if (!conn.session) return conn.ws.close(4003, "Not authenticated.");
        return;
      case 8:
        if (!conn.session) return conn.ws.close(4003, "Not authenticated.");
        return this.requestMembers(conn.session, p.d);
      default:
        return conn.ws.close(4001, "Unknown opcode.");
    }
  }

  private identify(conn: Conn, d: Json): void {
    if (conn.session) return conn.ws.close(4005, "Already authenticated.");
    if (!d || typeof d !== "object") return conn.ws.close(4002, "Error while decoding payload.");
    if (d.token !== this.host.token) return conn.ws.close(4004, "Authentication failed.");
    const bad = checkIntents(d.intents, this.host.privilegedIntents);
    if (bad) return conn.ws.close(bad.code, bad.reason);
    if (typeof d.properties !== "object" || d.properties === null) return conn.ws.close(4002, "Error while decoding payload.");
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) return conn.ws.close(4010, "Invalid shard.");
    this.sessionStarts++;
    const session: Session = {
      id: randomBytes(16).toString("hex"), intents: d.intents, shard, seq: 0, socket: conn.ws, buffer: [], closedAt: null,
    };
    this.sessions.set(session.id, session);
    conn.session = session;
    const guildIds = this.host.guildIds().filter((g) => shardOf(g, shard[1]) === shard[0]);
    this.emit(session, "READY", {
      v: 10, user_settings: {}, user: this.host.botUserJson(), guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id, resume_gateway_url: this.host.gatewayUrl(), shard, session_type: "normal",
      application: { id: this.host.applicationId, flags: applicationFlags(this.host.privilegedIntents) },
      private_channels: [], relationships: [], presences: [], guild_join_requests: [], geo_ordered_rtc_regions: [],
      auth: {}, _trace: ["emulator"],
    });
    if (session.intents & INTENTS.Guilds) {
      for (const id of guildIds) this.emit(session, "GUILD_CREATE", this.host.guildCreatePayload(id, session));
    }
  }

  private resume(conn: Conn, d: Json): void {
    if (conn.session) return conn.ws.close(4005, "Already authenticated.");
    if (!d || d.token !== this.host.token) return conn.ws.close(4004, "Authentication failed.");
    const s = this.sessions.get(String(d.session_id));
    const expired = !s || (s.closedAt !== null && Date.now() - s.closedAt > this.host.resumeWindowMs);
    const firstBuffered = s?.buffer[0]?.s ?? (s ? s.seq + 1 : 0);
    const replayable = !!s && typeof d.seq === "number" && d.seq <= s.seq && d.seq >= firstBuffered - 1;
    if (!s || expired || !replayable) {
      if (s && expired) this.sessions.delete(s.id);
      // Discord answers an unresumable session with op 9 (d=false) and the client re-identifies.
      setTimeout(() => this.send(conn.ws, { op: 9, d: false, s: null, t: null }), 50).unref();
      return;
    }
    if (s.socket && s.socket !== conn.ws) s.socket.close(4000, "Session resumed elsewhere.");
    s.socket = conn.ws;
    s.closedAt = null;
    conn.session = s;
    for (const e of s.buffer) if (e.s > d.seq) conn.ws.send(e.data);
    this.emit(s, "RESUMED", {});
  }

  private requestMembers(session: Session, d: Json): void {
    const guilds: string[] = Array.isArray(d?.guild_id) ? d.guild_id : [d?.guild_id];
    for (const g of guilds) {
      if (!this.host.guildIds().includes(g)) continue;
      this.emit(session, "GUILD_MEMBERS_CHUNK", this.host.guildMembersChunk(g, d, session));
    }
  }

  private emit(session: Session, t: string, d: Json): void {
    session.seq++;
    const data = JSON.stringify({ op: 0, t, s: session.seq, d });
    session.buffer.push({ s: session.seq, data });
    if (session.buffer.length > BUFFER_LIMIT) session.buffer.shift();
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(data);
    this.host.onDispatch(t, d);
  }

  /**
   * Sends an event to every live (or resumable) session whose intents include `intent` (null: always sent).
   * `build` may tailor the payload per session (e.g. strip content without the Message Content intent).
   */
  broadcast(t: string, intent: number | null, build: (s: SessionView) => Json | null, guildId?: string): void {
    for (const s of [...this.sessions.values()]) {
      if (s.closedAt !== null && Date.now() - s.closedAt > this.host.resumeWindowMs) {
        this.sessions.delete(s.id);
        continue;
      }
      if (intent !== null && (s.intents & intent) === 0) continue;
      if (guildId && shardOf(guildId, s.shard[1]) !== s.shard[0]) continue;
      const d = build(s);
      if (d !== null) this.emit(s, t, d);
    }
  }

  /** Drop the bot's connection(s). Resumable unless `invalidateSession`. */
  disconnect(opts: { code?: number; invalidateSession?: boolean } = {}): void {
    for (const s of this.sessions.values()) {
      s.socket?.close(opts.code ?? 4000, "Emulated outage");
      if (opts.invalidateSession) this.sessions.delete(s.id);
    }
  }

  /** Send op 7 Reconnect to every live session. */
  requestReconnect(): void {
    for (const s of this.sessions.values()) if (s.socket) this.send(s.socket, { op: 7, d: null, s: null, t: null });
  }

  async close(): Promise<void> {
    for (const c of this.conns) {
      clearInterval(c.watchdog);
      c.ws.terminate();
    }
    this.conns.clear();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
