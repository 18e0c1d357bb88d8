// What the HTTP server in front of Next.js (server.ts) refuses from a request's headers alone,
// before Next.js reads a byte of its body. Next.js buffers a body (up to 10 MB) before the proxy
// runs, and the proxy's checks parse it; refusing here costs nothing and bounds all of that:
// - a body longer than the app ever takes (413), by its declared length, or for a body of no
//   declared length by counting it as it arrives (see BoundedRequest);
// - a server-action post naming an action this build does not have (404): whatever its body, no
//   code of the app would run for it.
// What needs the body itself (too many form parts, arguments Next.js cannot decode) is the
// proxy's, which sees the body once it is known to be small.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { MAX_BODY_BYTES } from "./body-limits";

export type Refusal = { status: 404 | 413; message: string; headers?: Record<string, string> };

export const BODY_TOO_LARGE: Refusal = {
  status: 413,
  message: "The request is too large.",
};

const UNKNOWN_ACTION: Refusal = {
  status: 404,
  message: "This form is out of date. Reload the page and try again.",
  // Next.js's client reads this header as "the server has no such action" (a newer deployment).
  headers: { "x-nextjs-action-not-found": "1" },
};

/**
 * The server-action ids of the build in `distDir`, from its server-reference manifest; null when
 * there is none to read (then no post is refused for its action id).
 */
export function readServerActionIds(distDir: string): ReadonlySet<string> | null {
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
    ) as { node?: Record<string, unknown>; edge?: Record<string, unknown> };
    return new Set([...Object.keys(manifest.node ?? {}), ...Object.keys(manifest.edge ?? {})]);
  } catch {
    return null;
  }
}

/** Why `request` is refused before its body is read, or null. */
export function refusalBeforeBody(
  request: IncomingMessage,
  serverActionIds: ReadonlySet<string> | null,
): Refusal | null {
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return BODY_TOO_LARGE;
  const actionId = request.headers["next-action"];
  if (request.method === "POST" && actionId !== undefined && serverActionIds) {
    if (typeof actionId !== "string" || !serverActionIds.has(actionId)) return UNKNOWN_ACTION;
  }
  return null;
}

/** Whether a body of no declared length follows the headers (chunked). */
export function hasUndeclaredBody(request: IncomingMessage): boolean {
  return (
    request.headers["content-length"] === undefined &&
    request.headers["transfer-encoding"] !== undefined
  );
}

/**
 * Answers `request` with `refusal` at once, and finishes the answer once the client has sent the
 * rest of its body, which is read and dropped: closing a connection in the middle of an upload
 * resets it, and the client would lose the answer. Node's request timeout bounds the wait.
 */
export function sendRefusal(request: IncomingMessage, response: ServerResponse, refusal: Refusal) {
  const body = Buffer.from(refusal.message);
  response.writeHead(refusal.status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": String(body.length),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...refusal.headers,
  });
  response.write(body);
  if (request.complete) {
    response.end();
    return;
  }
  request.once("end", () => response.end());
  request.resume();
}
