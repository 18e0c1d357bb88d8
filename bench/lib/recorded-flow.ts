// The sign-in as a browser performs it, recorded by bench/record-flow.ts into bench/flow.json:
// each request's method, path and kind. The benchmark replays exactly these requests.
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * document: a page load; rsc: the client router fetching a route's RSC payload; action: a server
 * action's POST; fetch: a script's fetch (route handlers); prefetch: the router prefetching a
 * link; asset: a static file (scripts, styles, icons).
 */
export type RequestKind = "document" | "rsc" | "action" | "fetch" | "prefetch" | "asset";

export type RecordedRequest = {
  method: string;
  path: string;
  kind: RequestKind;
  /** The query string as sent (the router's `_rsc` cache key), "" for none. */
  search?: string;
  status?: number;
  /** The headers the page's scripts chose (Next's router and action headers, content type). */
  headers?: Record<string, string>;
};

// Headers that say what a request asks for; the rest (cookies, user agent, sec-*) the bench's
// client sets itself. next-action's value is the build's action id: replaced when replayed.
const REPLAYED_HEADERS = [
  "accept",
  "content-type",
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
];

export type RecordedFlow = {
  note: string;
  recordedWith: { chromium: string; next: string };
  requests: RecordedRequest[];
  assets: string[];
};

export const FLOW_FILE = path.join(import.meta.dirname, "..", "flow.json");

export function classifyRequest(
  method: string,
  url: URL,
  resourceType: string,
  headers: Record<string, string>,
): RecordedRequest {
  const chosen = Object.fromEntries(
    REPLAYED_HEADERS.filter((name) => headers[name] !== undefined).map((name) => [
      name,
      name === "content-type" ? headers[name]!.split(";")[0]! : headers[name]!,
    ]),
  );
  const base = { method, path: url.pathname, search: url.search, headers: chosen };
  if (resourceType === "document") return { ...base, kind: "document" };
  if (headers["next-action"]) return { ...base, kind: "action" };
  if (headers["next-router-prefetch"]) return { ...base, kind: "prefetch" };
  if (headers["rsc"] === "1") return { ...base, kind: "rsc" };
  if (url.pathname.startsWith("/_next/") || !["fetch", "xhr"].includes(resourceType)) {
    return { method, path: url.pathname, kind: "asset" };
  }
  return { ...base, kind: "fetch" };
}

export function recordedFlow(): RecordedFlow {
  return JSON.parse(readFileSync(FLOW_FILE, "utf8")) as RecordedFlow;
}

/** "GET /login document": how a request is named in the comparison with the recording. */
export const requestKey = (r: Pick<RecordedRequest, "method" | "path" | "kind">) =>
  `${r.method} ${r.path} ${r.kind}`;
