import "server-only";
// next-auth 4's route handler answers some bad input with a 500 (docs/rules.md, rule 15): a
// callbackUrl in the query or the callback-url cookie that is not a URL (its configuration check
// fails), a JSON body that does not parse, a GET of the credentials callback (it takes only POST).
// A callbackUrl in the body that is not a URL is refused too, before next-auth acts on the rest
// (a sign-out, a sign-in attempt): bad input changes nothing.
// This wrapper refuses those with a 4xx first, and turns what next-auth throws while reading bad
// input (a TypeError or SyntaxError) into a 400; a valid sign-out passes untouched, and a valid
// password sign-in's answer names where the browser goes next (answerWithLanding).
import type { NextRequest } from "next/server";
import { secureCookiesEnabled } from "@/lib/http/cookies";
import { landingPath, rememberedLanding, withLandingStore, type Landing } from "@/lib/auth/landing";
import { RETURN_PARAM } from "@/lib/auth/return-path";
import type { FailureCode } from "@/lib/failures/failure";
import { refusalSayer } from "@/lib/http/refusal-sayer";

type RouteContext = { params: Promise<{ nextauth?: string[] }> };
type RouteHandler = (request: NextRequest, context: RouteContext) => Promise<Response>;

/** A plain-text refusal, in the request's language: next-auth's clients read no JSON here. */
async function badRequest(
  status: 400 | 405,
  code: FailureCode,
  headers: Record<string, string> = {},
) {
  return new Response((await refusalSayer()).say({ code }), {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
  });
}

/** next-auth's own test of a callback URL (core/lib/assert.ts): http(s), or a path on `base`. */
export function isAcceptedCallbackUrl(url: string, base: string): boolean {
  try {
    return /^https?:/.test(new URL(url, url.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

const BAD_JSON = Symbol("bad JSON");

/** The body of a POST as next-auth's route handler reads it (next-auth/next/utils.ts getBody). */
async function bodyAsNextAuthReadsIt(
  request: NextRequest,
): Promise<Record<string, unknown> | null | typeof BAD_JSON> {
  const contentType = request.headers.get("content-type") ?? "";
  const text = () => request.clone().text();
  if (contentType.includes("application/json")) {
    try {
      const value: unknown = JSON.parse(await text());
      return value !== null && typeof value === "object"
        ? (value as Record<string, unknown>)
        : null;
    } catch {
      return BAD_JSON;
    }
  }
  if (contentType.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(await text()));
  }
  return null;
}

/** Why next-auth would fail on `request` with a 500, as a 4xx answer; null when it would not. */
export async function refusalOfAuthRequest(request: NextRequest): Promise<Response | null> {
  const base = `${process.env.NEXTAUTH_URL ?? request.nextUrl.origin}/api/auth`;
  // Every value: next-auth reads the query as an object, where the last of a repeated name wins.
  const callbackUrls = request.nextUrl.searchParams.getAll("callbackUrl");
  if (callbackUrls.some((url) => url && !isAcceptedCallbackUrl(url, base))) {
    return badRequest(400, "callback_url_invalid");
  }
  const cookieName = `${secureCookiesEnabled() ? "__Secure-" : ""}next-auth.callback-url`;
  const callbackCookie = request.cookies.get(cookieName)?.value;
  if (callbackCookie && !isAcceptedCallbackUrl(callbackCookie, base)) {
    return badRequest(400, "callback_cookie_invalid");
  }

  const [action, providerId] = request.nextUrl.pathname.split("/").slice(3);
  if (action === "callback" && providerId === "credentials" && request.method !== "POST") {
    return badRequest(405, "use_sign_in_form", { allow: "POST" });
  }

  if (request.method === "POST") {
    const body = await bodyAsNextAuthReadsIt(request);
    if (body === BAD_JSON) return badRequest(400, "body_not_json");
    const bodyCallbackUrl = body?.callbackUrl;
    if (
      bodyCallbackUrl &&
      (typeof bodyCallbackUrl !== "string" || !isAcceptedCallbackUrl(bodyCallbackUrl, base))
    ) {
      return badRequest(400, "callback_field_invalid");
    }
  }
  return null;
}

/** The return path of the page a sign-in was posted from (its callbackUrl's `next`), if any. */
async function returnPathOfPost(request: NextRequest, base: string): Promise<string | null> {
  const body = await bodyAsNextAuthReadsIt(request);
  if (!body || body === BAD_JSON || typeof body.callbackUrl !== "string") return null;
  try {
    return new URL(body.callbackUrl, base).searchParams.get(RETURN_PARAM);
  } catch {
    return null;
  }
}

/**
 * A password sign-in's answer names the page the sign-in goes to next (lib/auth/landing.ts), with
 * the return path of the page it was posted from, instead of that page: /login then goes straight
 * to the dashboard when no second step waits, never through /login/verify.
 */
function answerWithLanding(
  response: Response,
  landing: Landing,
  next: string | null,
  base: string,
) {
  const url = new URL(landingPath(landing, next), base).href;
  const headers = new Headers(response.headers);
  if (response.headers.has("location")) {
    headers.set("location", url);
    return new Response(null, { status: response.status, headers });
  }
  if (!response.ok || !headers.get("content-type")?.includes("application/json")) return response;
  headers.delete("content-length");
  return new Response(JSON.stringify({ url }), { status: response.status, headers });
}

/** `handler` (next-auth's), behind refusalOfAuthRequest. */
export function guardAuthRoute(handler: RouteHandler): RouteHandler {
  return async (request, context) => {
    const refusal = await refusalOfAuthRequest(request);
    if (refusal) return refusal;
    try {
      // Read before next-auth reads the body: a body is read once.
      const base = process.env.NEXTAUTH_URL ?? request.nextUrl.origin;
      const next = request.method === "POST" ? await returnPathOfPost(request, base) : null;
      return await withLandingStore(async () => {
        const response = await handler(request, context);
        const landing = rememberedLanding();
        return landing ? answerWithLanding(response, landing, next, base) : response;
      });
    } catch (error) {
      if (!(error instanceof TypeError || error instanceof SyntaxError)) throw error;
      console.error(`appmail: next-auth could not read a request: ${error.message.slice(0, 200)}`);
      return badRequest(400, "request_unreadable");
    }
  };
}
