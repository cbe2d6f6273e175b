/** Route table: method + template ("/channels/:channel_id/messages") -> handler, auth mode and rate limit bucket. */
import type { Core } from "../core.js";
import type { BucketName } from "../rateLimits.js";
import type { UploadedFile } from "../multipart.js";
import type { Json } from "../types.js";

export interface RestContext {
  core: Core;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json;
  files: UploadedFile[];
  /** request carried a valid "Authorization: Bot <token>" */
  authed: boolean;
}

export interface RestResult {
  status: number;
  body?: Json;
}

export type Handler = (ctx: RestContext) => RestResult | Promise<RestResult>;

export interface RouteOptions {
  /** "bot": requires the bot token; "none": webhook-token and interaction routes */
  auth?: "bot" | "none";
  bucket?: BucketName | null;
  /** counts toward the per-token global limit (default: when auth is "bot") */
  global?: boolean;
}

export interface RouteDef extends Required<RouteOptions> {
  method: string;
  template: string;
  segments: string[];
  handler: Handler;
}

export const ok = (body: Json, status = 200): RestResult => ({ status, body });
export const noContent = (): RestResult => ({ status: 204 });

export class Router {
  readonly routes: RouteDef[] = [];

  add(method: string, template: string, handler: Handler, opts: RouteOptions = {}): this {
    const auth = opts.auth ?? "bot";
    this.routes.push({
      method, template, segments: template.split("/").filter(Boolean), handler, auth,
      bucket: opts.bucket === undefined ? "default" : opts.bucket, global: opts.global ?? auth === "bot",
    });
    return this;
  }

  /** Literal segments beat parameters, so "/@me" routes match before "/:user_id" ones. */
  match(method: string, path: string): { route: RouteDef; params: Record<string, string> } | "method" | null {
    let segs: string[];
    try {
      segs = path.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
    } catch {
      return null;
    }
    let best: { route: RouteDef; params: Record<string, string>; score: number } | null = null;
    let pathMatched = false;
    for (const r of this.routes) {
      if (r.segments.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let okMatch = true;
      for (let i = 0; i < segs.length; i++) {
        const t = r.segments[i]!;
        const s = segs[i]!;
        if (t.startsWith(":")) params[t.slice(1)] = s;
        else if (t === s) score++;
        else { okMatch = false; break; }
      }
      if (!okMatch) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      if (!best || score > best.score) best = { route: r, params, score };
    }
    if (best) return { route: best.route, params: best.params };
    return pathMatched ? "method" : null;
  }
}

/** The major parameter a bucket is keyed on (channel, guild, or webhook id + token). */
export function majorParameter(params: Record<string, string>): string {
  if (params.channel_id) return `channel:${params.channel_id}`;
  if (params.guild_id) return `guild:${params.guild_id}`;
  if (params.webhook_id) return `webhook:${params.webhook_id}/${params.token ?? ""}`;
  return "global";
}
