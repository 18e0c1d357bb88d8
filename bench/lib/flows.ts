// The sign-in steps as a browser performs them (next-auth's credentials POST, then the step-2
// server action), the authenticator app's codes, and what a page must show.
import { generate } from "otplib";
import { Client, type HttpResponse } from "./http-client";
import { actionRedirect, postAction, type ActionIds } from "./server-actions";
import type { SeededAccount } from "./server";

/** The 6-digit code an authenticator app shows for a time-step (same parameters as lib/totp). */
export function totpCodeForStep(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * 30, algorithm: "sha1", digits: 6, period: 30 });
}

export function currentStep(now = Date.now()): number {
  return Math.floor(now / 1000 / 30);
}

export class FlowError extends Error {
  constructor(
    readonly step: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${step}: ${message}`);
  }
}

export type Timings = Record<string, number>;

function expectStatus(step: string, response: HttpResponse, ...allowed: number[]) {
  if (!allowed.includes(response.status)) {
    throw new FlowError(step, `HTTP ${response.status}`, response.status);
  }
}

/**
 * Step 1 as login-form.tsx does it with next-auth's client: the login page, the CSRF token,
 * then the credentials POST (json=true). Leaves the session cookie in the client.
 */
export async function passwordStep(
  client: Client,
  email: string,
  password: string,
  timings: Timings,
) {
  const page = await client.request("GET", "/login", { headers: { accept: "text/html" } });
  timings.loginPage = page.ms;
  expectStatus("GET /login", page, 200);
  const csrf = await client.request("GET", "/api/auth/csrf", {
    headers: { "content-type": "application/json" },
  });
  timings.csrf = csrf.ms;
  expectStatus("GET /api/auth/csrf", csrf, 200);
  const { csrfToken } = JSON.parse(csrf.text()) as { csrfToken: string };
  const credentials = await client.request("POST", "/api/auth/callback/credentials", {
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-auth-return-redirect": "1",
      origin: client.baseUrl,
    },
    body: new URLSearchParams({
      email,
      password,
      redirect: "false",
      csrfToken,
      callbackUrl: `${client.baseUrl}/login`,
      json: "true",
    }).toString(),
  });
  timings.credentials = credentials.ms;
  expectStatus("POST credentials", credentials, 200);
  const { url } = JSON.parse(credentials.text()) as { url?: string };
  if (!url || url.includes("error=") || url.includes("csrf=true")) {
    throw new FlowError("POST credentials", `sign-in refused (${url})`);
  }
  if (!client.cookies.has("next-auth.session-token")) {
    throw new FlowError("POST credentials", "no session cookie");
  }
}

/** A page as the signed-in browser loads it (HTML). */
export async function getPage(client: Client, pathname: string, step: string, timings: Timings) {
  const response = await client.request("GET", pathname, { headers: { accept: "text/html" } });
  timings[step] = response.ms;
  return response;
}

/** Step 2: the verify page, then its server action with a code. Returns the action response. */
export async function codeStep(
  client: Client,
  actions: ActionIds,
  code: string,
  timings: Timings,
  loadPage = true,
) {
  if (loadPage) {
    const page = await getPage(client, "/login/verify", "verifyPage", timings);
    expectStatus("GET /login/verify", page, 200);
  }
  const response = await postAction(client, "/login/verify", actions.verifyLoginCodeAction, {
    previousState: { status: "idle" },
    fields: { method: "code", code },
  });
  timings.step2 = response.ms;
  return response;
}

/**
 * A complete two-step sign-in of a seeded account with 2FA, checked to end on that account's
 * dashboard. Returns the signed-in client.
 */
export async function completeSignIn(
  baseUrl: string,
  actions: ActionIds,
  account: SeededAccount,
  password: string,
  timings: Timings,
) {
  const client = new Client(baseUrl);
  await passwordStep(client, account.email, password, timings);
  const code = await totpCodeForStep(account.secret!, currentStep());
  const response = await codeStep(client, actions, code, timings);
  const target = actionRedirect(response);
  if (response.status >= 500)
    throw new FlowError("step 2", `HTTP ${response.status}`, response.status);
  if (target !== "/customer") {
    throw new FlowError("step 2", `no redirect to /customer (HTTP ${response.status}, ${target})`);
  }
  const dashboard = await getPage(client, "/customer", "dashboard", timings);
  if (dashboard.status !== 200 || !isDashboardOf(dashboard.text(), account.name)) {
    throw new FlowError("GET /customer", `not the signed-in dashboard (HTTP ${dashboard.status})`);
  }
  return client;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** True when the HTML is the signed-in customer dashboard of this account. */
export function isDashboardOf(html: string, name: string) {
  return (
    /<h1[^>]*>Dashboard<\/h1>/.test(html) &&
    new RegExp(`Welcome, (<!-- -->)?${escapeRegExp(name)}`).test(html)
  );
}

/** The value of the input labelled "Setup key" on an account page. */
export function setupKeyFrom(html: string): string | null {
  const label = /<label[^>]*for="([^"]+)"[^>]*>\s*Setup key\s*<\/label>/.exec(html);
  if (!label) return null;
  const input = new RegExp(`<input[^>]*id="${escapeRegExp(label[1]!)}"[^>]*>`).exec(html);
  const value = input && /value="([^"]*)"/.exec(input[0]);
  return value ? value[1]!.replace(/\s+/g, "") : null;
}
