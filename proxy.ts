import { NextResponse, type NextRequest } from "next/server";
import { hasDecodableActionArguments } from "@/lib/http/action-arguments";

// The proxy only redirects, sets headers and turns away server-action posts whose arguments
// Next.js cannot decode (it would answer them with a 500); every page checks the session itself.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
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

export async function proxy(request: NextRequest) {
  if (
    request.method === "POST" &&
    request.headers.has("next-action") &&
    !(await hasDecodableActionArguments(request.clone()))
  ) {
    return new NextResponse("The form could not be read. Reload the page and try again.", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }

  const { pathname } = request.nextUrl;
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const inSignedInArea = SIGNED_IN_AREAS.some(
    (area) => pathname === area || pathname.startsWith(`${area}/`),
  );
  if (inSignedInArea && !hasSessionCookie) {
    return NextResponse.redirect(new URL("/login", request.url));
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|api/health).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
