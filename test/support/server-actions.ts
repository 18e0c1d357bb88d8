import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse, Page, Request } from "@playwright/test";

/**
 * Posts straight to a server action the way Next.js 16's client does (captured from real
 * submissions with `page.on("request")`):
 * - headers `Next-Action: <id>` and `Accept: text/x-component`, same-origin `Origin`;
 * - a form submission (useActionState or `<form action>`) is multipart/form-data: the form's
 *   fields prefixed with `_1_` and a field `0` holding the JSON arguments, where `"$K1"` stands
 *   for the FormData whose fields carry the `_1_` prefix, e.g. `[{"status":"idle"},"$K1"]`;
 * - an action called without a FormData sends its JSON arguments as a text/plain body (`[]`).
 */

/** The arguments of an action used through `useActionState`: the previous state and the form. */
export const STATE_AND_FORM = '[{"status":"idle"},"$K1"]';
/** The arguments of an action used as `<form action={…}>`: the form alone. */
export const FORM_ONLY = '["$K1"]';

export type ActionBody =
  /** Form fields (without prefix) and the JSON argument list of field `0`. */
  | { kind: "form"; fields: [string, string][]; args?: string }
  /** A raw body with its content type (JSON, text, garbage). */
  | { kind: "raw"; contentType: string; body: string | Buffer }
  /** A multipart body exactly as given (field names included). */
  | { kind: "multipart"; parts: [string, string][] };

/** React's reply encoding names the fields of FormData number 1 `_1_<field>`. */
export const FORM_PREFIX = "_1_";

export function formBody(fields: Record<string, string>, args = STATE_AND_FORM): ActionBody {
  return { kind: "form", fields: Object.entries(fields), args };
}

const BOUNDARY = "----appmailTestBoundary7MA4YWxkTrZu0gW";

export type Part = { name: string; value: string | Buffer; filename?: string; type?: string };

/** A multipart body with text and file parts, as a script could post it. */
export function multipartBody(parts: Part[]): { contentType: string; data: Buffer } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${
      part.filename !== undefined ? `; filename="${part.filename}"` : ""
    }`;
    const type =
      part.filename !== undefined
        ? `Content-Type: ${part.type ?? "application/octet-stream"}\r\n`
        : "";
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value, "utf8"));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${BOUNDARY}`, data: Buffer.concat(chunks) };
}

/**
 * Posts `body` to action `actionId` at `path`, with the cookies of `request`'s context and any
 * `extraHeaders` (e.g. `next-router-prefetch`).
 */
export async function postAction(
  request: APIRequestContext,
  baseURL: string,
  path: string,
  actionId: string | null,
  body: ActionBody,
  extraHeaders: Record<string, string> = {},
): Promise<APIResponse> {
  const headers: Record<string, string> = {
    Accept: "text/x-component",
    Origin: baseURL,
    ...extraHeaders,
  };
  if (actionId) headers["Next-Action"] = actionId;
  let data: Buffer | string;
  if (body.kind === "raw") {
    headers["Content-Type"] = body.contentType;
    data = body.body;
  } else {
    const parts: [string, string][] =
      body.kind === "multipart"
        ? body.parts
        : [
            ...body.fields.map(([name, value]): [string, string] => [
              `${FORM_PREFIX}${name}`,
              value,
            ]),
            ["0", body.args ?? STATE_AND_FORM],
          ];
    const multipart = multipartBody(parts.map(([name, value]) => ({ name, value })));
    headers["Content-Type"] = multipart.contentType;
    data = multipart.data;
  }
  return request.post(path, { headers, data, maxRedirects: 0, failOnStatusCode: false });
}

/** A stack trace, a Node.js error or a source path in a response body. */
export const STACK_TRACE =
  /\bat \S+ \(?[^\s()]+:\d+:\d+\)?|node_modules\/|\/work\/|webpack-internal|turbopack:\/\/|\b(TypeError|ReferenceError|PrismaClient\w*Error|SqliteError)\b/;

export type ServerAction = { id: string; exportedName: string; filename: string; pages: string[] };

/** Every server action of the build, from `<distDir>/server/server-reference-manifest.json`. */
export function serverActions(distDir = process.env.NEXT_DIST_DIR || ".next"): ServerAction[] {
  const manifestPath = path.resolve(
    import.meta.dirname,
    "../..",
    distDir,
    "server",
    "server-reference-manifest.json",
  );
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    node: Record<
      string,
      { workers: Record<string, unknown>; filename: string; exportedName: string }
    >;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    exportedName: entry.exportedName,
    filename: entry.filename,
    pages: Object.keys(entry.workers).map(routeOfWorker),
  }));
}

/** "app/(backend)/backend/account/page" → "/backend/account". */
export function routeOfWorker(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .split("/")
    .slice(0, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

export type CapturedAction = {
  url: string;
  actionId: string;
  headers: Record<string, string>;
  contentType: string;
  /** The multipart fields, in order, as posted. */
  fields: [string, string][];
};

/** Splits a multipart/form-data body into its (name, value) text fields. */
export function parseMultipart(contentType: string, body: Buffer): [string, string][] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Error(`Not multipart: ${contentType}`);
  const marker = `--${boundary[1] ?? boundary[2]}`;
  const fields: [string, string][] = [];
  for (const part of body.toString("utf8").split(marker)) {
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) continue;
    const name = /name="([^"]*)"/.exec(part.slice(0, headerEnd))?.[1];
    if (name === undefined) continue;
    fields.push([name, part.slice(headerEnd + 4).replace(/\r\n$/, "")]);
  }
  return fields;
}

/** Records the next server-action POST the page sends (Next-Action header). */
export function captureNextAction(page: Page): () => Promise<CapturedAction> {
  const seen = new Promise<Request>((resolve) => {
    const listener = (request: Request) => {
      if (request.method() === "POST" && request.headers()["next-action"]) {
        page.off("request", listener);
        resolve(request);
      }
    };
    page.on("request", listener);
  });
  return async () => {
    const request = await seen;
    const headers = await request.allHeaders();
    const contentType = headers["content-type"] ?? "";
    const body = request.postDataBuffer() ?? Buffer.alloc(0);
    return {
      url: request.url(),
      actionId: headers["next-action"]!,
      headers,
      contentType,
      fields: contentType.startsWith("multipart/form-data")
        ? parseMultipart(contentType, body)
        : [],
    };
  };
}
