/** Request body parsing: JSON, or multipart/form-data with payload_json + files[n] (via the WHATWG parser). */
import { invalidJson } from "./errors.js";
import { ApiError } from "./errors.js";
import type { Json } from "./types.js";

export interface UploadedFile {
  field: string;
  /** n from "files[n]" (or "fileN"), which attachments[].id refers to */
  index: number | null;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ParsedBody {
  json: Json | undefined;
  files: UploadedFile[];
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson();
  }
}

export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  const ct = (contentType ?? "").toLowerCase();
  if (ct.startsWith("multipart/form-data")) return parseMultipart(contentType ?? "", raw);
  if (raw.length === 0) return { json: undefined, files: [] };
  if (ct && !ct.startsWith("application/json")) {
    throw new ApiError(400, { message: `Unsupported content type: ${contentType}`, code: 50035 });
  }
  return { json: parseJson(raw.toString("utf8")), files: [] };
}

async function parseMultipart(contentType: string, raw: Buffer): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new ApiError(400, { message: "400: Bad Request (malformed multipart body)", code: 0 });
  }
  let json: Json | undefined;
  const loose: Record<string, string> = {};
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") {
      if (field === "payload_json") json = parseJson(value);
      else loose[field] = value;
      continue;
    }
    const m = /^files\[(\d+)\]$/.exec(field) ?? /^file(\d*)$/.exec(field);
    const index = m && m[1] !== "" && m[1] !== undefined ? Number(m[1]) : null;
    files.push({
      field,
      index,
      filename: value.name || "blob",
      contentType: value.type || "application/octet-stream",
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  if (json === undefined && Object.keys(loose).length > 0) json = loose;
  return { json, files };
}
