import { SESSION_COOKIE_NAMES } from "@/lib/auth/cookie-names";
import { REQUEST_PATH_HEADER, withReturnPath } from "@/lib/auth/return-path";
import type { FailureCode } from "@/lib/failures/failure";
import { refusalWords } from "@/lib/http/refusal-words";
import { NextResponse, type NextRequest } from "next/server";
import {
  checkPostBody,
  isActionFetch,
  postBodyNeedsReading,
  type PostBodyVerdict,
} from "@/lib/http/action-arguments";

// The proxy only redirects, sets headers and turns away posts whose bodies Next.js cannot parse
// safely (it would answer them with a 500, or parse thousands of parts); every page checks the
// session itself. Bodies too large, and posts to actions this build does not have, never get here:
// server.ts refuses them on their headers (lib/http/raw-request-guard.ts).
const SIGNED_IN_AREAS = ["/backend", "/customer", "/login/verify", "/login/enroll"];

function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const REFUSED_BODIES: Record<Exclude<PostBodyVerdict, "ok">, [number, FailureCode]> = {
  "too large": [413, "request_too_large"],
  "too many parts": [413, "form_too_many_fields"],
  unreadable: [400, "form_unreadable"],
};

export async function proxy(request: NextRequest) {
  // Only a body Next.js would parse is read (and so copied); other posts pass on their headers.
  if (request.method === "POST" && postBodyNeedsReading(request.headers)) {
    const verdict = await checkPostBody(request.clone());
    if (verdict !== "ok") {
      const [status, code] = REFUSED_BODIES[verdict];
      return new NextResponse(refusalWords(code, request.headers.get("accept-language")), {
        status,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
  }

  const { pathname } = request.nextUrl;
  const hasSessionCookie = SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name));
  const inSignedInArea = SIGNED_IN_AREAS.some(
    (area) => pathname === area || pathname.startsWith(`${area}/`),
  );
  if (inSignedInArea && !hasSessionCookie) {
    // Back to where you were (docs/rules.md, rule 30): the page asked for rides along as `?next=`,
    // kept only when it is a path of a signed-in area, and checked again where the sign-in ends.
    const asked = `${pathname}${request.nextUrl.search}`;
    return NextResponse.redirect(new URL(withReturnPath("/login", asked), request.url));
  }

  // An action's fetch is answered with RSC data, never a document a browser renders: as for the
  // router's RSC fetches, a CSP nonce would have nothing to apply to. Anything else that Next.js
  // answers with a page (a form posted without JavaScript, a GET carrying `Next-Action`) gets its
  // document's nonce below.
  if (isActionFetch(request)) return NextResponse.next();

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The page asked for, for a page whose session has ended to send back after a new sign-in; a
  // client's own header of that name is replaced, and the value is checked where it is used.
  requestHeaders.set(REQUEST_PATH_HEADER, `${pathname}${request.nextUrl.search}`);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

// Where it runs (docs/architecture.md, "How a request flows"):
// - not for next-auth's JSON endpoints that a sign-in calls (the CSRF token, the credentials and
//   passkey callbacks, the session, the providers): they render no page (no CSP to set), lie in no
//   signed-in area, and next-auth reads their bodies as JSON or URL-encoded text, never as a form
//   Next.js parses;
// - not for the passkey routes' JSON posts (app/api/passkeys/…, the first of them on every
//   /login): they render no page either, check the session and the origin themselves, and read
//   their bodies as JSON (guardedRoute, lib/actions/guarded-route.ts); a post there that Next.js would parse still
//   matches the second or third source;
// - not for the router's RSC fetches (an `RSC` header): their answer is no document, so a CSP
//   nonce has nothing to apply to, and the page they render checks the session itself;
// - always for a post Next.js would parse (a `Next-Action` header, or a multipart body), whatever
//   else it carries: a header anyone can add (`RSC`, `Next-Router-Prefetch`) must not take a post
//   around the checks above.
// Nor for the static files of public/ (robots.txt, favicon.ico): no page, no session.
// Next.js reads this object without running the module: each source must be written out whole.
export const config = {
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|robots.txt|api/health|api/auth/csrf|api/auth/callback/|api/auth/session|api/auth/providers|api/passkeys/).*)",
      missing: [{ type: "header", key: "rsc" }],
    },
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|robots.txt|api/health|api/auth/csrf|api/auth/callback/|api/auth/session|api/auth/providers).*)",
      has: [{ type: "header", key: "next-action" }],
    },
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|robots.txt|api/health|api/auth/csrf|api/auth/callback/|api/auth/session|api/auth/providers).*)",
      has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }],
    },
  ],
};
