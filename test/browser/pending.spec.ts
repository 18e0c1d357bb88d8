import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { uniqueEmail, type Role } from "../support/browser-accounts";
import { storedState, storedUser } from "../support/browser-database";
import {
  serverActions,
  postAction,
  STACK_TRACE,
  formBody,
  FORM_ONLY,
  STATE_AND_FORM,
} from "../support/server-actions";
import { signInToVerifyThroughForm, signOut } from "../support/sign-in";
import { enrolledAccount, enrolledWithoutBrowser } from "../support/two-factor";
import { ensureTwoFactorOn } from "../support/two-factor-settings";

// docs/rules.md, rule 5: after step 1 the sign-in is pending and reaches /login/verify, /login/enroll
// and sign-out, and nothing else. Every page, route handler and server action of the build is
// found by walking app/ and reading the build's server-action manifest, not from a list.

const appDir = path.resolve(import.meta.dirname, "../../app");

type Route = { path: string; kind: "page" | "route"; file: string };

/** Every page.tsx and route.ts under app/, as the URL path it serves. */
function appRoutes(): Route[] {
  const routes: Route[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const name = entry.name;
        if (name.startsWith("_")) continue; // private folders are not routes
        if (/^\(.*\)$/.test(name) || name.startsWith("@")) walk(path.join(dir, name), segments);
        else walk(path.join(dir, name), [...segments, sampleSegment(name)]);
        continue;
      }
      const match = /^(page|route)\.(tsx|ts|jsx|js)$/.exec(entry.name);
      if (match) {
        routes.push({
          path: `/${segments.join("/")}`,
          kind: match[1] as "page" | "route",
          file: path.relative(appDir, path.join(dir, entry.name)),
        });
      }
    }
  };
  walk(appDir, []);
  return routes;
}

/** A sample value for a dynamic segment: next-auth's catch-all gets one of its real endpoints. */
function sampleSegment(name: string): string {
  if (name === "[...nextauth]" || name === "[[...nextauth]]") return "session";
  if (/^\[\[?\.\.\..+\]\]?$/.test(name)) return "sample/path";
  if (/^\[.+\]$/.test(name)) return "sample";
  return name;
}

/** Route handlers that are public by design. */
const PUBLIC_ROUTE_HANDLERS = [/^\/api\/health$/, /^\/api\/auth\//];
/**
 * Pages open to anyone, signed in or not: asking for and using a password-reset link, and a
 * new-browser notice's "This wasn't me" link.
 */
const PUBLIC_PAGES = [/^\/login\/forgot$/, /^\/login\/reset\/[^/]+$/, /^\/login\/not-me\/[^/]+$/];
/** Actions a pending sign-in may use. */
const ALLOWED_ACTIONS = new Set(["verifyLoginCodeAction", "signOutAction"]);

const REDIRECT = [301, 302, 303, 307, 308];

function locationOf(headers: Record<string, string>, baseURL: string): string {
  const location = headers.location ?? "";
  return location ? new URL(location, baseURL).pathname : "";
}

async function expectOnlyVerify(request: APIRequestContext, baseURL: string, route: Route) {
  const response = await request.get(route.path, { maxRedirects: 0, failOnStatusCode: false });
  const status = response.status();
  const location = locationOf(response.headers(), baseURL);
  const body = await response.text();
  const where = `${route.path} (${route.file}): ${status} ${location}`;
  expect(status, where).toBeLessThan(500);
  expect(body, where).not.toMatch(STACK_TRACE);

  if (route.kind === "route") {
    if (PUBLIC_ROUTE_HANDLERS.some((pattern) => pattern.test(route.path))) return { status, body };
    // Anything else refuses: 401/403/404/405, or sends the visitor to sign in.
    if (REDIRECT.includes(status)) expect(location, where).toMatch(/^\/login(\/verify)?$/);
    else expect([401, 403, 404, 405], where).toContain(status);
    return { status, body };
  }

  if (route.path === "/login/verify") {
    expect(status, where).toBe(200);
    expect(body, where).toContain("Authentication code");
  } else if (route.path === "/login" || route.path === "/setup") {
    // The sign-in form itself (a new sign-in may start over), or on to the second step.
    if (REDIRECT.includes(status)) expect(location, where).toMatch(/^\/login(\/verify)?$/);
    else {
      expect(status, where).toBe(200);
      expect(body, where).toContain("Sign in");
      expect(body, where).not.toContain("Sign out");
    }
  } else if (PUBLIC_PAGES.some((pattern) => pattern.test(route.path))) {
    // Pages for people who cannot sign in show nothing of any sign-in (a sample token is 404).
    expect([200, 404], where).toContain(status);
    expect(body, where).not.toContain("Sign out");
  } else {
    expect(REDIRECT, where).toContain(status);
    expect(location, where).toBe("/login/verify");
  }
  return { status, body };
}

for (const role of ["admin", "customer"] as Role[]) {
  test.describe(`a pending sign-in of an enrolled ${role}`, () => {
    test.beforeAll(async ({ browser }) => {
      await ensureTwoFactorOn(browser);
    });

    test("reaches no page and no route handler but /login/verify", async ({ page, baseURL }) => {
      const routes = appRoutes();
      // The walk finds the routes this product must have (a sanity check of the walk itself).
      for (const expected of [
        "/",
        "/backend",
        "/backend/users",
        "/customer/account",
        "/login/verify",
        "/login/enroll",
        "/api/health",
        "/api/auth/session",
      ]) {
        expect(routes.map((route) => route.path)).toContain(expected);
      }

      const account = await enrolledWithoutBrowser(role, `pending-${role}`);
      await signInToVerifyThroughForm(page, account);

      for (const route of routes) {
        const { body } = await expectOnlyVerify(page.request, baseURL!, route);
        if (route.path === "/api/auth/session") {
          expect(body, "the session endpoint tells nothing about a pending sign-in").not.toContain(
            account.email.toLowerCase(),
          );
        }
      }
      // Client-side navigations (RSC requests) get no protected content either.
      for (const route of routes.filter((r) => r.kind === "page")) {
        const response = await page.request.get(route.path, {
          headers: { RSC: "1" },
          maxRedirects: 0,
          failOnStatusCode: false,
        });
        const body = await response.text();
        const where = `RSC ${route.path}: ${response.status()}`;
        expect(response.status(), where).toBeLessThan(500);
        if (!["/login", "/login/verify", "/setup"].includes(route.path)) {
          expect(body, where).not.toContain("Sign out");
          expect(body, where).not.toContain(account.email.toLowerCase());
          expect(body, where).not.toMatch(/New user|Recovery codes|Regenerate recovery codes/);
        }
      }

      // Still pending: the browser is sent back to the second step.
      await page.goto(`/${role === "admin" ? "backend" : "customer"}`);
      await expect(page).toHaveURL(/\/login\/verify$/);
    });

    test("changes nothing through any server action but verifyLoginCodeAction and signOutAction", async ({
      page,
      baseURL,
    }) => {
      const actions = serverActions();
      const names = actions.map((action) => action.exportedName);
      for (const expected of [
        "verifyLoginCodeAction",
        "signOutAction",
        "enableTwoFactorAction",
        "saveTwoFactorSettingsAction",
      ]) {
        expect(names).toContain(expected);
      }

      const account = await enrolledAccount(page, role, `pending-actions-${role}`);
      const userId = storedUser(account.email).id as string;
      await signOut(page);
      await signInToVerifyThroughForm(page, account);

      // Valid values for every form of the app: only the session can stop these.
      const code = await account.authenticator.peek();
      const fields = {
        code,
        method: "code",
        recoveryCode: account.recoveryCodes[0]!,
        password: account.password,
        currentPassword: account.password,
        newPassword: "a brand new password 42",
        companyName: "Pwned by a pending sign-in",
        requireTwoFactor: "EVERYONE",
        gracePeriodDays: "0",
        trustBrowserDays: "30",
        userId,
        id: "x",
        name: "Pending Intruder",
        email: uniqueEmail("pending-intruder"),
        role: "ADMIN",
      };

      const report: string[] = [];
      for (const action of actions.filter((a) => !ALLOWED_ACTIONS.has(a.exportedName))) {
        const target = action.pages.includes("/login/verify") ? "/login/verify" : action.pages[0]!;
        for (const args of [STATE_AND_FORM, FORM_ONLY]) {
          const before = storedState();
          const response = await postAction(
            page.request,
            baseURL!,
            target,
            action.id,
            formBody(fields, args),
          );
          const after = storedState();
          const where = `${action.exportedName} (${action.filename}) at ${target} with ${args}: ${response.status()}`;
          report.push(where);
          expect(response.status(), where).toBeLessThan(500);
          expect(await response.text(), where).not.toMatch(STACK_TRACE);
          expect(after, `${where} changed stored state`).toEqual(before);
        }
      }
      test.info().annotations.push({ type: "actions posted", description: report.join("\n") });

      // Still pending after all of that.
      await page.goto("/backend/account");
      await expect(page).toHaveURL(/\/login\/verify$/);

      // The same wire format does reach an action: verifyLoginCodeAction completes the sign-in.
      const verify = actions.find((a) => a.exportedName === "verifyLoginCodeAction")!;
      const response = await postAction(
        page.request,
        baseURL!,
        "/login/verify",
        verify.id,
        formBody({ method: "code", code: await account.authenticator.code() }),
      );
      expect(response.status()).toBeLessThan(500);
      await page.goto(`/${role === "admin" ? "backend" : "customer"}/account`);
      await expect(page).toHaveURL(
        new RegExp(`/${role === "admin" ? "backend" : "customer"}/account$`),
      );

      // And signOutAction ends it.
      const signOutEntry = actions.find((a) => a.exportedName === "signOutAction")!;
      const signedOut = await postAction(
        page.request,
        baseURL!,
        signOutEntry.pages[0]!,
        signOutEntry.id,
        {
          kind: "raw",
          contentType: "text/plain;charset=UTF-8",
          body: "[]",
        },
      );
      expect(signedOut.status()).toBeLessThan(500);
      await page.goto(`/${role === "admin" ? "backend" : "customer"}`);
      await expect(page).toHaveURL(/\/login(\?.*)?$/);
    });
  });
}
