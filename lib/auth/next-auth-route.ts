import "server-only";
// next-auth 4's route handler answers some bad input with a 500 (docs/rules.md, rule 15): a
// callbackUrl in the query or the callback-url cookie that is not a URL (its configuration check
// fails), a JSON body that does not parse, a GET of the credentials callback (it takes only POST).
// This wrapper refuses those with a 4xx first, and turns what next-auth throws while reading bad
// input (a TypeError or SyntaxError) into a 400; a valid sign-in or sign-out passes untouched.
import type { NextRequest } from "next/server";
import { secureCookiesEnabled } from "@/lib/http/cookies";

type RouteContext = { params: Promise<{ nextauth?: string[] }> };
type RouteHandler = (request: NextRequest, context: RouteContext) => Promise<Response>;

function badRequest(status: 400 | 405, message: string, headers: Record<string, string> = {}) {
  return new Response(message, {
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

/** Why next-auth would fail on `request` with a 500, as a 4xx answer; null when it would not. */
export async function refusalOfAuthRequest(request: NextRequest): Promise<Response | null> {
  const base = `${process.env.NEXTAUTH_URL ?? request.nextUrl.origin}/api/auth`;
  const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
  if (callbackUrl && !isAcceptedCallbackUrl(callbackUrl, base)) {
    return badRequest(400, "The callbackUrl parameter is not a valid URL.");
  }
  const cookieName = `${secureCookiesEnabled() ? "__Secure-" : ""}next-auth.callback-url`;
  const callbackCookie = request.cookies.get(cookieName)?.value;
  if (callbackCookie && !isAcceptedCallbackUrl(callbackCookie, base)) {
    return badRequest(400, "The callback URL cookie is not a valid URL. Clear it and try again.");
  }

  const [action, providerId] = request.nextUrl.pathname.split("/").slice(3);
  if (action === "callback" && providerId === "credentials" && request.method !== "POST") {
    return badRequest(405, "Sign in with the form on the sign-in page.", { allow: "POST" });
  }

  if (
    request.method === "POST" &&
    request.headers.get("content-type")?.includes("application/json")
  ) {
    try {
      JSON.parse(await request.clone().text());
    } catch {
      return badRequest(400, "The request body is not valid JSON.");
    }
  }
  return null;
}

/** `handler` (next-auth's), behind refusalOfAuthRequest. */
export function guardAuthRoute(handler: RouteHandler): RouteHandler {
  return async (request, context) => {
    const refusal = await refusalOfAuthRequest(request);
    if (refusal) return refusal;
    try {
      return await handler(request, context);
    } catch (error) {
      if (!(error instanceof TypeError || error instanceof SyntaxError)) throw error;
      console.error(`appmail: next-auth could not read a request: ${error.message.slice(0, 200)}`);
      return badRequest(400, "The request could not be read.");
    }
  };
}
