// What the HTTP server in front of Next.js (server.ts) refuses from a request's headers alone,
// before Next.js reads a byte of its body. Next.js buffers a body (up to 10 MB) before the proxy
// runs, and the proxy's checks parse it; refusing here costs nothing and bounds all of that:
// - a body longer than the app ever takes (413), by its declared length, or for a body of no
//   declared length by counting it as it arrives (see BoundedRequest);
// - a post Next.js would take for a server action (a `Next-Action` header, or any multipart form,
//   which Next.js searches for a no-JavaScript form action) whose Origin is not this host (403):
//   Next.js makes the same check, against cross-site request forgery, but answers it with a 500;
// - a router request (`RSC: 1`) whose router state header Next.js cannot parse (400), which it
//   answers with a 500 on some paths;
// - a path whose percent-encoding does not decode (400), which Next.js answers with a 500.
// Each was verified against Next.js 16.5.0 without the guard (docs/architecture.md, "What Next.js
// still needs from us"). A post naming an action this build does not have needs nothing: Next.js
// 16.5 answers it 409 with `x-nextjs-action-not-found`, before reading its body.
// What needs the body itself (too many form parts, arguments Next.js cannot decode) is the
// proxy's, which sees the body once it is known to be small.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { FailureCode } from "@/lib/failures/failure";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";
import { MAX_BODY_BYTES } from "./body-limits";
import { refusalWords } from "./refusal-words";

/** A refusal: its status, and the failure it is said as (`refusalWords`). */
export type Refusal = { status: 400 | 403 | 413; code: FailureCode };

export const BODY_TOO_LARGE: Refusal = { status: 413, code: "request_too_large" };
const CROSS_SITE_ACTION: Refusal = { status: 403, code: "form_from_other_site" };
const UNREADABLE_ROUTER_STATE: Refusal = { status: 400, code: "navigation_state_unreadable" };
const UNDECODABLE_PATH: Refusal = { status: 400, code: "address_unreadable" };

/** Why `request` is refused before its body is read, or null. */
export function refusalBeforeBody(request: IncomingMessage): Refusal | null {
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return BODY_TOO_LARGE;
  if (!hasDecodablePath(request.url)) return UNDECODABLE_PATH;
  if (mayBeServerAction(request) && !isSameOriginAction(request.headers)) return CROSS_SITE_ACTION;
  if (!hasReadableRouterState(request)) return UNREADABLE_ROUTER_STATE;
  return null;
}

/**
 * Whether the path's percent-encoding decodes. Next.js decodes a dynamic segment
 * (`/backend/users/<id>`) with decodeURIComponent and answers a malformed one (`%E0%A4%A`, `%ff`)
 * with a 500, on every method and for the router's fetches too, which the proxy does not see.
 */
export function hasDecodablePath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0]!;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether Next.js would treat `request` as a possible server action, as its
 * getServerActionRequestMetadata decides: a POST with a `Next-Action` header or a multipart body.
 * Exactly "application/x-www-form-urlencoded" Next.js turns away before it looks at the Origin.
 * Route handlers (/api/…) make no such check, but take no cross-site multipart form either, and
 * a path can reach a page through dot segments: the check applies to every path.
 */
function mayBeServerAction(request: IncomingMessage): boolean {
  if (request.method !== "POST") return false;
  const contentType = request.headers["content-type"];
  if (contentType === "application/x-www-form-urlencoded") return false;
  return (
    typeof request.headers["next-action"] === "string" ||
    Boolean(contentType?.startsWith("multipart/form-data"))
  );
}

/**
 * Next.js's own check of a server action's Origin (action-handler.ts): no Origin passes (a
 * hand-made request carries no one's cookies unwillingly); otherwise the Origin's host must equal
 * the Host header, exactly. X-Forwarded-Host, which Next.js prefers, never reaches it from a client:
 * see publicHostHeaders.
 */
export function isSameOriginAction(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  const host = headers["x-forwarded-host"]?.toString().split(",")[0]?.trim() || headers.host;
  if (!host || typeof origin !== "string" || origin === "null") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Whether Next.js can read the router state that comes with a router request (`RSC: 1`): it
 * parses `Next-Router-State-Tree` with this same function before rendering, and where it throws
 * (a header that is not the JSON of a router state, or too long) some paths answer with a 500.
 */
function hasReadableRouterState(request: IncomingMessage): boolean {
  if (request.headers.rsc !== "1") return true;
  try {
    parseAndValidateFlightRouterState(request.headers["next-router-state-tree"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Drops the forwarded headers a client could send to make the app believe in another public
 * origin. The public host is the Host header (a proxy in front passes it on, as nginx's
 * `proxy_set_header Host $http_host` does); Next.js fills X-Forwarded-Host and X-Forwarded-Port
 * from it. X-Forwarded-Proto is kept only from a trusted proxy, which sets it.
 */
export function dropUntrustedForwardedHeaders(request: IncomingMessage, trustedProxyHops: number) {
  delete request.headers["x-forwarded-host"];
  delete request.headers["x-forwarded-port"];
  if (trustedProxyHops === 0) {
    delete request.headers["x-forwarded-for"];
    delete request.headers["x-forwarded-proto"];
  }
}

/** Whether a body of no declared length follows the headers (chunked). */
export function hasUndeclaredBody(request: IncomingMessage): boolean {
  return (
    request.headers["content-length"] === undefined &&
    request.headers["transfer-encoding"] !== undefined
  );
}

/**
 * Answers `request` with `refusal` at once, in the language of its `Accept-Language`, and
 * finishes the answer once the client has sent the rest of its body, which is read and dropped:
 * closing a connection in the middle of an upload resets it, and the client would lose the answer.
 * Node's request timeout bounds the wait.
 */
export function sendRefusal(request: IncomingMessage, response: ServerResponse, refusal: Refusal) {
  const body = Buffer.from(refusalWords(refusal.code, request.headers["accept-language"]));
  response.writeHead(refusal.status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": String(body.length),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  response.write(body);
  if (request.complete) {
    response.end();
    return;
  }
  request.once("end", () => response.end());
  request.resume();
}
