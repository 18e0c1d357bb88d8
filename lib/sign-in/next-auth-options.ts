import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies as responseCookies } from "next/headers";
import { getConfig } from "@/lib/config/env";
import { clientAddressFrom, readHeader, userAgentFrom } from "@/lib/http/client-address";
import { secureCookiesEnabled } from "@/lib/http/cookies";
import { signInWithPasskey } from "./passkey-sign-in";
import {
  DEVICE_COOKIE_PATH,
  issueDeviceCookie,
  type DeviceCookie,
} from "@/lib/auth/device-cookies";
import { rememberLanding } from "@/lib/auth/landing";
import { signInWithPassword } from "./password-step";
import { signInRefusalError } from "./refusal";
import { endSignIn, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/sign-in-rows";

function parseCookies(header: string | undefined) {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
}

/**
 * Gives the browser its device cookie. authorize() has no response of its own, but it runs inside
 * the /api/auth route handler, and Next.js adds cookies set through `cookies()` during a route
 * handler to the response the handler returns (next-auth's, here).
 */
async function keepDeviceCookie({ name, value, expires }: DeviceCookie) {
  (await responseCookies()).set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookiesEnabled(),
    path: DEVICE_COOKIE_PATH,
    expires,
  });
}

export const authOptions: NextAuthOptions = {
  secret: getConfig().sessionSecret,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const cookies = parseCookies(readHeader(request?.headers, "cookie"));
        const result = await signInWithPassword(
          credentials,
          {
            clientAddress: clientAddressFrom(request?.headers),
            userAgent: userAgentFrom(request?.headers),
          },
          new Date(),
          (name) => cookies.get(name),
        );
        if (result.ok) {
          await keepDeviceCookie(result.deviceCookie);
          rememberLanding(result.landing);
          return { id: result.userId, signInId: result.signInId };
        }
        if (result.reason === "throttled") {
          throw new Error(signInRefusalError({ code: "throttled", ...result }));
        }
        if (result.reason === "deactivated") {
          throw new Error(signInRefusalError({ code: "deactivated" }));
        }
        return null;
      },
    }),
    // A passkey alone (docs/rules.md, rule 18): the assertion is verified here, and the session
    // names a complete sign-in row exactly as after a password and a code.
    CredentialsProvider({
      id: "passkey",
      name: "Passkey",
      credentials: { response: { type: "text" } },
      async authorize(credentials, request) {
        const cookies = parseCookies(readHeader(request?.headers, "cookie"));
        const now = new Date();
        const result = await signInWithPasskey(
          credentials?.response,
          {
            clientAddress: clientAddressFrom(request?.headers),
            userAgent: userAgentFrom(request?.headers),
          },
          now,
          (name) => cookies.get(name),
        );
        if (!result.ok) return null;
        // The browser is now one this account knows (docs/rules.md, rule 35).
        await keepDeviceCookie(issueDeviceCookie(result.userId, now));
        return { id: result.userId, signInId: result.signInId };
      },
    }),
  ],
  callbacks: {
    // next-auth's default throws on a callbackUrl that is not a URL (a 500, docs/rules.md,
    // rule 15); this one keeps its rule (a path or this origin, else home) and never throws.
    redirect({ url, baseUrl }) {
      if (typeof url !== "string") return baseUrl;
      if (url.startsWith("/")) return `${baseUrl}${url}`;
      try {
        return new URL(url).origin === baseUrl ? url : baseUrl;
      } catch {
        return baseUrl;
      }
    },
    // The token only names the sign-in; whether it is pending or complete lives in the database,
    // so nothing a client posts to /api/auth/session can change it.
    jwt({ token, user }) {
      if (user && "signInId" in user) return { sub: user.id, sid: user.signInId as string };
      return token;
    },
    session({ session }) {
      return { expires: session.expires };
    },
  },
  events: {
    // next-auth's own POST /api/auth/signout only clears the cookie: the sign-in ends too, so a
    // copy of the cookie taken before stops working, as with the app's Sign out button.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSignIn(token.sid);
    },
  },
};
