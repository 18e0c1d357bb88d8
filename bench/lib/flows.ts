// The sign-in's steps one by one (the soak test's client; the benchmark replays the recorded
// flow, bench/lib/replay.ts): next-auth's credentials POST, the step-2 server action, the
// authenticator app's codes, and what a page must show.
import { generate } from "otplib";
import { Client, type HttpResponse } from "./http-client";
import { postAction, type ActionIds } from "./server-actions";

/** The 6-digit code an authenticator app shows for a time-step (same parameters as lib/two-factor/totp.ts). */
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
 * Step 1 as login-form.tsx does it (credentials-sign-in.ts): the login page, the CSRF token,
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
  const credentials = await postCredentials(client, email, password, csrfToken);
  timings.credentials = credentials.ms;
  if (!client.cookies.has("next-auth.session-token")) {
    throw new FlowError("POST credentials", "no session cookie");
  }
}

/** The credentials POST as credentials-sign-in.ts sends it; fails unless it signed in. */
export async function postCredentials(
  client: Client,
  email: string,
  password: string,
  csrfToken: string,
  options: { step?: string } = {},
) {
  const credentials = await client.request("POST", "/api/auth/callback/credentials", {
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: client.baseUrl,
    },
    body: new URLSearchParams({
      email,
      password,
      csrfToken,
      callbackUrl: `${client.baseUrl}/login`,
      json: "true",
    }).toString(),
    step: options.step,
  });
  expectStatus("POST credentials", credentials, 200);
  const { url } = JSON.parse(credentials.text()) as { url?: string };
  if (!url || url.includes("error=") || url.includes("csrf=true")) {
    throw new FlowError("POST credentials", `sign-in refused (${url})`);
  }
  return credentials;
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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** True when the HTML is the signed-in customer dashboard of this account. */
export function isDashboardOf(html: string, name: string) {
  return (
    /<h1[^>]*>Dashboard<\/h1>/.test(html) &&
    new RegExp(`Welcome, (<!-- -->)?${escapeRegExp(name)}`).test(html)
  );
}

/** The secret behind the text labelled "Setup key" on an account page, without its spaces. */
export function setupKeyFrom(html: string): string | null {
  // The key is text (groups of four in spans) in the element that "Setup key" labels.
  const label = /id="([^"]+)"[^>]*>\s*Setup key\s*</.exec(html);
  if (!label) return null;
  const key = new RegExp(
    `<(\\w+)[^>]*aria-labelledby="${escapeRegExp(label[1]!)}"[^>]*>([\\s\\S]*?)</\\1>`,
  ).exec(html);
  const secret = key ? key[2]!.replace(/<!--[\s\S]*?-->|<[^>]*>|\s+/g, "") : "";
  return secret || null;
}
