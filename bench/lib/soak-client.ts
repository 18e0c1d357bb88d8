// The soak test's client loop: sign in, enrol when the account has no 2FA, verify, sign out,
// and now and then replay a code just accepted. `npm run soak` (bench/soak.ts) runs many at once.
import { setTimeout as sleep } from "node:timers/promises";
import {
  codeStep,
  currentStep,
  FlowError,
  getPage,
  isDashboardOf,
  passwordStep,
  setupKeyFrom,
  totpCodeForStep,
} from "./flows";
import { Client } from "./http-client";
import { actionRedirect, postAction, type ActionIds } from "./server-actions";
import type { AccountState } from "./soak-accounts";

let useCounter = 0;
let replayFraction = 0;

export function setReplayFraction(fraction: number) {
  replayFraction = fraction;
}

type Stats = {
  enrolments: number;
  /** Password steps the server acknowledged. */
  signIns: number;
  /** Right passwords refused (docs/rules.md, rule 32): each is also a failure. */
  refusedPasswords: number;
  /** Flows cut off by the server's kill (fault mode). */
  interrupted: number;
  verifications: number;
  replaysRejected: number;
  signOuts: number;
  waitsForStep: number;
  failures: string[];
  serverErrors: string[];
  statuses: Map<number, number>;
};

export const stats: Stats = {
  enrolments: 0,
  signIns: 0,
  refusedPasswords: 0,
  interrupted: 0,
  verifications: 0,
  replaysRejected: 0,
  signOuts: 0,
  waitsForStep: 0,
  failures: [],
  serverErrors: [],
  statuses: new Map(),
};

// A POST never rides a kept-alive socket the server may be closing (bench/lib/http-client.ts).
Client.freshConnectionForPosts = true;

Client.observer = (method, pathname, status) => {
  stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
  if (status >= 500) stats.serverErrors.push(`${method} ${pathname}: HTTP ${status}`);
};

/**
 * Fault mode (bench/soak.ts --kill-at): `back` is set while the server is down and settles once
 * it answers again; a flow cut off meanwhile waits for it.
 */
export const outage: { killed: boolean; back: Promise<void> | null } = {
  killed: false,
  back: null,
};

/** An error of the connection itself (refused, reset, cut off), not an answer of the server. */
const connectionError = (message: string) =>
  /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|^aborted$|^timeout /.test(message);

export function fail(account: AccountState, message: string) {
  stats.failures.push(`${account.email}: ${message}`);
}

/** Signs out with the page's "Sign out" action; the old cookie must no longer be a session. */
async function signOut(client: Client, actions: ActionIds, page: string, account: AccountState) {
  const oldCookie = client.cookieHeader();
  const response = await postAction(client, page, actions.signOut);
  if (actionRedirect(response) !== "/login") {
    throw new FlowError("sign out", `no redirect to /login (HTTP ${response.status})`);
  }
  const replayed = new Client(client.baseUrl);
  for (const part of oldCookie.split("; ")) {
    const index = part.indexOf("=");
    replayed.cookies.set(part.slice(0, index), part.slice(index + 1));
  }
  const after = await replayed.request("GET", "/customer", { headers: { accept: "text/html" } });
  if (after.status === 200) fail(account, "the session cookie still works after sign-out");
  stats.signOuts++;
}

async function enrol(client: Client, actions: ActionIds, account: AccountState, password: string) {
  const page = await getPage(client, "/customer/account", "account", {});
  if (page.status !== 200) throw new FlowError("GET /customer/account", `HTTP ${page.status}`);
  const start = await postAction(client, "/customer/account", actions.startTwoFactorSetupAction);
  if (start.status !== 200 || actionRedirect(start)) {
    throw new FlowError(
      "startTwoFactorSetupAction",
      `HTTP ${start.status} ${actionRedirect(start)}`,
    );
  }
  const offer = await getPage(client, "/customer/account", "account", {});
  const secret = setupKeyFrom(offer.text());
  if (!secret) throw new FlowError("GET /customer/account", "no Setup key after starting set-up");
  const step = currentStep();
  const response = await postAction(client, "/customer/account", actions.enableTwoFactorAction, {
    previousState: { status: "idle" },
    fields: { password, code: await totpCodeForStep(secret, step) },
  });
  const text = response.text();
  if (
    response.status !== 200 ||
    !text.includes('"status":"success"') ||
    !text.includes("recoveryCodes")
  ) {
    throw new FlowError("enableTwoFactorAction", `not enabled (HTTP ${response.status})`);
  }
  account.knownSecret = secret;
  account.enrolledByClient = true;
  account.accepted.push(step);
  account.lastStep = step;
  stats.enrolments++;
  await signOut(client, actions, "/customer/account", account);
}

async function verify(
  client: Client,
  actions: ActionIds,
  account: AccountState,
  step: number,
  password: string,
) {
  const page = await getPage(client, "/login/verify", "verifyPage", {});
  if (page.status !== 200) throw new FlowError("GET /login/verify", `HTTP ${page.status}`);
  const code = await totpCodeForStep(account.knownSecret!, step);
  const response = await codeStep(client, actions, code, {}, false);
  const target = actionRedirect(response);
  if (target !== "/customer") {
    throw new FlowError(
      "verify",
      `code for step ${step} refused (HTTP ${response.status}, ${target})`,
    );
  }
  if (account.accepted.includes(step)) fail(account, `time-step ${step} was accepted twice`);
  account.accepted.push(step);
  account.lastStep = step;
  stats.verifications++;
  const dashboard = await getPage(client, "/customer", "dashboard", {});
  if (dashboard.status !== 200 || !isDashboardOf(dashboard.text(), account.name)) {
    throw new FlowError("GET /customer", `not the dashboard (HTTP ${dashboard.status})`);
  }
  await signOut(client, actions, "/customer", account);
  // Now and then a second sign-in replays the code just accepted: it must be refused.
  if (Math.random() < replayFraction) {
    const replay = new Client(client.baseUrl);
    await passwordStep(replay, account.email, password, {});
    const again = await codeStep(replay, actions, code, {});
    if (actionRedirect(again)) {
      fail(account, `time-step ${step} was accepted twice (a replayed code signed in)`);
      account.accepted.push(step);
      await signOut(replay, actions, "/customer", account);
      return;
    }
    stats.replaysRejected++;
    await signOut(replay, actions, "/login/verify", account);
  }
}

/** The step an enrolled account can use now (current step or the next), or null. */
function usableStep(account: AccountState): number | null {
  const now = currentStep();
  const step = Math.max(now, (account.lastStep ?? -Infinity) + 1);
  return step <= now + 1 ? step : null;
}

export async function clientLoop(
  baseUrl: string,
  actions: ActionIds,
  accounts: AccountState[],
  password: string,
  deadline: number,
) {
  while (Date.now() < deadline) {
    // The least recently used account that can sign in now (unenrolled ones always can).
    const account = accounts
      .filter((a) => !a.interrupted && (!a.knownSecret || usableStep(a) !== null))
      .sort((a, b) => a.lastUsed - b.lastUsed)[0];
    if (!account) {
      // Every account has used its steps: wait for the next 30-second step.
      stats.waitsForStep++;
      await sleep(Math.min(deadline - Date.now(), 30_000 - (Date.now() % 30_000) + 50));
      continue;
    }
    account.lastUsed = ++useCounter;
    const client = new Client(baseUrl);
    try {
      await passwordStep(client, account.email, password, {});
      account.signIns++;
      stats.signIns++;
      if (!account.knownSecret) await enrol(client, actions, account, password);
      else await verify(client, actions, account, usableStep(account)!, password);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (outage.killed && connectionError(message)) {
        // Cut off by the kill: what it did may be stored unseen, so the account is retired.
        account.interrupted = true;
        stats.interrupted++;
        await outage.back;
        continue;
      }
      if (message.includes("throttled")) stats.refusedPasswords++;
      // A connection error names its request (bench/lib/http-client.ts).
      const { request, reused } = error as { request?: string; reused?: boolean };
      fail(
        account,
        request ? `${message} (${request}, ${reused ? "reused" : "new"} socket)` : message,
      );
      if (stats.failures.length > 50) return;
    }
  }
}
