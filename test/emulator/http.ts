/** The HTTP front: auth, routing, rate limits, body parsing, request records, uploaded files, and ws upgrades. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Core } from "./core.js";
import { ApiError, notFound, methodNotAllowed, unauthorized, tooLarge } from "./errors.js";
import { parseBody, type ParsedBody } from "./multipart.js";
import { limitedHeaders } from "./rateLimits.js";
import { majorParameter, type Router } from "./rest/router.js";
import type { Json, RequestRecord } from "./types.js";

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status === 200 && body === undefined ? 204 : status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export function createHttpServer(core: Core, router: Router): Server {
  const server = createServer((req, res) => {
    handle(core, router, req, res).catch((err) => {
      core.log(`internal error: ${(err as Error).stack ?? err}`);
      if (!res.headersSent) send(res, 500, { message: "500: Internal Server Error", code: 0 });
    });
  });
  server.on("upgrade", (req, socket, head) => core.gateway.handleUpgrade(req, socket, head));
  return server;
}

async function handle(core: Core, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = performance.now();
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = (req.method ?? "GET").toUpperCase();

  if (url.pathname.startsWith("/attachments/") && method === "GET") {
    const key = url.pathname.slice("/attachments/".length).split("/").map(decodeURIComponent).join("/");
    const file = core.store.files.get(key);
    if (!file) return send(res, 404, { message: "404: Not Found", code: 0 });
    res.writeHead(200, { "Content-Type": file.contentType ?? "application/octet-stream", "Content-Length": file.data.length });
    res.end(file.data);
    return;
  }

  const m = /^\/api\/v(\d+)(\/.*)?$/.exec(url.pathname);
  const record: RequestRecord = { method, route: "(unmatched)", path: url.pathname, query: url.search, status: 0, at };
  const finish = (status: number, body: Json, headers: Record<string, string> = {}) => {
    record.status = status;
    if (status >= 400) record.response = body;
    core.requests.push(record);
    if (status === 429) core.rateLimitHits.push(record);
    core.emit("request", record);
    send(res, status, body, headers);
  };

  let parsed: ParsedBody = { json: undefined, files: [] };
  try {
    if (!m) throw notFound();
    if (m[1] !== "10") throw new ApiError(400, { message: "Invalid API version", code: 50041 });
    const path = m[2] ?? "/";
    const matched = router.match(method, path);
    if (matched === null || matched === "method") {
      record.route = `(unhandled) ${path}`;
      core.unhandledRequests.push(record);
      core.log(`no emulated route for ${method} ${path} — add it to test/emulator/rest if the bot needs it`);
      throw matched === "method" ? methodNotAllowed() : notFound();
    }
    const { route, params } = matched;
    record.route = route.template;

    const authHeader = req.headers.authorization;
    const authed = authHeader === `Bot ${core.token}`;
    if (authHeader !== undefined && !authed) throw unauthorized();
    if (route.auth === "bot" && !authed) throw unauthorized();

    const raw = await readBody(req, core.maxUploadBytes * 10 + 1024 * 1024);
    parsed = await parseBody(req.headers["content-type"], raw);
    record.body = parsed.json;
    if (parsed.files.length > 0) {
      record.files = parsed.files.map((f) => ({ field: f.field, filename: f.filename, size: f.data.length, contentType: f.contentType }));
    }

    let rlHeaders: Record<string, string> = {};
    if (route.global && authed) {
      const g = core.rateLimiter.checkGlobal(performance.now());
      if (g) return finish(429, g.body, limitedHeaders(g));
    }
    if (route.bucket) {
      const verdict = core.rateLimiter.check(route.bucket, majorParameter(params), performance.now());
      rlHeaders = verdict.headers;
      if (verdict.limited) return finish(429, verdict.limited.body, { ...rlHeaders, ...limitedHeaders(verdict.limited) });
    }

    try {
      const result = await route.handler({
        core, method, path, params, query: url.searchParams, body: parsed.json, files: parsed.files, authed,
      });
      return finish(result.status, result.body, rlHeaders);
    } catch (err) {
      if (err instanceof ApiError) return finish(err.status, err.body, rlHeaders);
      throw err;
    }
  } catch (err) {
    if (err instanceof ApiError) return finish(err.status, err.body);
    core.log(`internal error on ${method} ${url.pathname}: ${(err as Error).stack ?? err}`);
    return finish(500, { message: "500: Internal Server Error", code: 0 });
  }
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
