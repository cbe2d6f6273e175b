/** The emulator's shared core: options, state, records, and the dispatch helpers every module uses. */
import { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import { Store, isThread } from "./state.js";
import { Gateway, type GatewayHost, type SessionView } from "./gateway.js";
import { INTENTS, type PrivilegedIntents } from "./intents.js";
import { RateLimiter, resolveRateLimits, type RateLimitOptions } from "./rateLimits.js";
import { P } from "./permissions.js";
import { snowflake } from "./snowflake.js";
import { channelJson, guildCreateJson, memberJson, messageJson, userJson } from "./serialize.js";
import type { InteractionRec } from "./interactionTypes.js";
import type {
  ChannelRec, DispatchRecord, Json, MessageRec, PingRecord, RequestRecord, UserRec,
} from "./types.js";

export interface EmulatorOptions {
  /** Privileged intents enabled for the application in the developer portal. */
  privilegedIntents?: { messageContent?: boolean; guildMembers?: boolean; presences?: boolean };
  /** The initial-response deadline for interactions (Discord: 3000 ms). */
  interactionDeadlineMs?: number;
  /** How long interaction tokens stay valid for follow-ups and edits (Discord: 15 minutes). */
  interactionTokenLifetimeMs?: number;
  /** Partial override of the rate limit table, or false to disable rate limiting. */
  rateLimits?: RateLimitOptions;
  /** HELLO heartbeat interval (Discord: 41250 ms). */
  heartbeatIntervalMs?: number;
  /** How long a dropped gateway session may be resumed (default 60 s). */
  resumeWindowMs?: number;
  botUsername?: string;
  /** Per-file upload limit (Discord, unboosted guild: 10 MiB). */
  maxUploadBytes?: number;
  /** Where to log unhandled routes and internal errors (default console.warn; false to silence). */
  log?: ((line: string) => void) | false;
}

export class Core extends EventEmitter implements GatewayHost {
  readonly store: Store;
  readonly botUser: UserRec;
  readonly applicationId: string;
  readonly token: string;
  readonly privilegedIntents: PrivilegedIntents;
  readonly interactionDeadlineMs: number;
  readonly interactionTokenLifetimeMs: number;
  readonly heartbeatIntervalMs: number;
  readonly resumeWindowMs: number;
  readonly maxUploadBytes: number;
  readonly rateLimiter: RateLimiter;
  readonly gateway: Gateway;
  baseUrl = "";

  readonly requests: RequestRecord[] = [];
  readonly rateLimitHits: RequestRecord[] = [];
  readonly unhandledRequests: RequestRecord[] = [];
  readonly pings: PingRecord[] = [];
  readonly dispatches: DispatchRecord[] = [];
  readonly interactions = new Map<string, InteractionRec>();
  readonly interactionsByToken = new Map<string, InteractionRec>();
  private readonly logFn: (line: string) => void;

  constructor(opts: EmulatorOptions) {
    super();
    this.setMaxListeners(0); // many concurrent waitFor() calls are normal
    const botId = snowflake();
    this.botUser = { id: botId, username: opts.botUsername ?? "PersonaLab", globalName: null, bot: true };
    this.applicationId = botId;
    this.token = `${Buffer.from(botId).toString("base64url")}.${randomBytes(4).toString("base64url")}.${randomBytes(27).toString("base64url")}`;
    this.store = new Store(botId);
    this.store.addUser(this.botUser);
    this.privilegedIntents = {
      messageContent: opts.privilegedIntents?.messageContent ?? true,
      guildMembers: opts.privilegedIntents?.guildMembers ?? false,
      presences: opts.privilegedIntents?.presences ?? false,
    };
    this.interactionDeadlineMs = opts.interactionDeadlineMs ?? 3000;
    this.interactionTokenLifetimeMs = opts.interactionTokenLifetimeMs ?? 15 * 60_000;
    this.heartbeatIntervalMs = opts.heartbeatIntervalMs ?? 41_250;
    this.resumeWindowMs = opts.resumeWindowMs ?? 60_000;
    this.maxUploadBytes = opts.maxUploadBytes ?? 10 * 1024 * 1024;
    this.rateLimiter = new RateLimiter(resolveRateLimits(opts.rateLimits));
    this.logFn = opts.log === false ? () => undefined : (opts.log ?? ((l) => console.warn(l)));
    this.gateway = new Gateway(this);
  }

  /**
   * Listeners run on a later macrotask, so that when a test sees an event (or polls state) the REST request
   * that caused it has already been recorded in `requests` with its final status.
   */
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    setImmediate(() => super.emit(event, ...args));
    return this.listenerCount(event) > 0;
  }

  get botId(): string {
    return this.botUser.id;
  }

  get apiBase(): string {
    return `${this.baseUrl}/api`;
  }

  log(line: string): void {
    this.logFn(`[discord-emulator] ${line}`);
  }

  // ---- GatewayHost ----
  gatewayUrl(): string {
    return this.baseUrl.replace(/^http/, "ws");
  }

  botUserJson(): Json {
    return { ...userJson(this.botUser), verified: true, mfa_enabled: false, email: null, locale: "en-US" };
  }

  guildIds(): string[] {
    return [...this.store.guilds.keys()];
  }

  guildCreatePayload(guildId: string, s: SessionView): Json {
    const g = this.store.guild(guildId);
    return guildCreateJson(this.store, g, { botId: this.botId, allMembers: (s.intents & INTENTS.GuildPresences) !== 0 });
  }

  guildMembersChunk(guildId: string, req: Json, s: SessionView): Json {
    const g = this.store.guild(guildId);
    const ids: string[] | null = Array.isArray(req?.user_ids) ? req.user_ids : req?.user_ids ? [req.user_ids] : null;
    const query = typeof req?.query === "string" ? req.query.toLowerCase() : "";
    const canList = (s.intents & INTENTS.GuildMembers) !== 0;
    let members = [...g.members.values()].filter((m) => {
      if (ids) return ids.includes(m.userId);
      const u = this.store.users.get(m.userId);
      return canList && (query === "" || (u?.username.toLowerCase().startsWith(query) ?? false));
    });
    const limit = Number(req?.limit ?? 0);
    if (limit > 0) members = members.slice(0, limit);
    return {
      guild_id: guildId, members: members.map((m) => memberJson(this.store, g, m)), chunk_index: 0, chunk_count: 1,
      not_found: ids ? ids.filter((id) => !g.members.has(id)) : [], ...(req?.nonce ? { nonce: req.nonce } : {}),
    };
  }

  onDispatch(t: string, d: Json): void {
    const rec = { t, d, at: performance.now() };
    this.dispatches.push(rec);
    this.emit("dispatch", rec);
  }

  // ---- helpers ----

  /** Whether the bot may read a message's content without the Message Content intent. */
  contentExempt(m: MessageRec): boolean {
    return (m.author.kind === "user" && m.author.userId === this.botId) || m.mentionUsers.includes(this.botId);
  }

  /** A message as the REST API returns it to the bot. */
  restMessage(m: MessageRec): Json {
    const strip = !this.privilegedIntents.messageContent && !this.contentExempt(m);
    return messageJson(this.store, m, { botId: this.botId, strip });
  }

  /** A message as the emulated user sees it (full content). */
  fullMessage(m: MessageRec): Json {
    return messageJson(this.store, m, { botId: this.botId });
  }

  botCanSee(c: ChannelRec): boolean {
    return (this.store.permissionsIn(c, this.botId) & P.ViewChannel) !== 0n;
  }

  dispatchMessage(t: "MESSAGE_CREATE" | "MESSAGE_UPDATE", m: MessageRec): void {
    if (m.ephemeralTo) return; // ephemeral messages never reach the gateway
    const c = this.store.channels.get(m.channelId);
    if (!c || !this.botCanSee(c)) return;
    this.gateway.broadcast(t, INTENTS.GuildMessages, (s) => messageJson(this.store, m, {
      botId: this.botId, gateway: true,
      strip: (s.intents & INTENTS.MessageContent) === 0 && !this.contentExempt(m),
    }), m.guildId);
    this.emit(t === "MESSAGE_CREATE" ? "message" : "messageUpdate", this.fullMessage(m));
  }

  dispatchMessageDelete(m: MessageRec): void {
    this.emit("messageDelete", { id: m.id, channel_id: m.channelId });
    if (m.ephemeralTo) return;
    const c = this.store.channels.get(m.channelId);
    if (!c || !this.botCanSee(c)) return;
    this.gateway.broadcast("MESSAGE_DELETE", INTENTS.GuildMessages,
      () => ({ id: m.id, channel_id: m.channelId, guild_id: m.guildId }), m.guildId);
  }

  /** CHANNEL/THREAD events (Guilds intent), only for channels the bot can see. */
  dispatchChannel(t: string, c: ChannelRec, extra: Json = {}): void {
    if (!this.botCanSee(c) && t !== "THREAD_DELETE") return;
    this.gateway.broadcast(t, INTENTS.Guilds, () => ({ ...channelJson(this.store, c, { viewerId: this.botId }), ...extra }), c.guildId);
  }

  /** Unarchive a thread that receives a message (as Discord does), dispatching THREAD_UPDATE. */
  touchThread(c: ChannelRec): void {
    if (isThread(c) && c.thread?.archived) {
      c.thread.archived = false;
      c.thread.archiveTimestamp = new Date().toISOString().replace("Z", "+00:00");
      this.dispatchChannel("THREAD_UPDATE", c);
    }
  }

  recordPing(rec: Omit<PingRecord, "at">): void {
    const full = { ...rec, at: performance.now() };
    this.pings.push(full);
    this.emit("ping", full);
  }
}
