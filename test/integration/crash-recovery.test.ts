// A server killed with SIGKILL in the middle of enabling 2FA, of a sign-in with a recovery code and
// of an admin's "Reset two-factor" leaves no account half changed, and the account can still sign
// in after a restart.
//
// The server runs the production build with APPMAIL_TEST_KILL_FILE (lib/testing/fault-points.ts):
// writing N into that file makes it kill itself right after the N-th database write from then on
// (a write statement, or the COMMIT of a transaction that wrote). Each scenario is run with N = 1,
// 2, 3, … on a fresh account until the request completes without reaching the N-th write, so every
// point between two writes of the flow is tried, whatever the code does in between.
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, prepareDatabase, startServer, type RunningServer } from "@/bench/lib/server";
import { buildIfNeeded } from "@/scripts/build";
import {
  actionIdsByName,
  actionRedirect,
  Client,
  expectOk,
  nextCode,
  opens,
  postEnable as postEnableForm,
  postForm as postFormTo,
  shownRecoveryCodes,
  signedIn as signedInAt,
  startSetup as startSetupAt,
  type HttpAccount,
  type HttpResponse,
} from "../support/http-flows";

/** The browser suite's build folder: `npm test` builds it once for both. */
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
/** More kill points than any of these flows has writes: the loop ends long before. */
const MAX_KILL_POINTS = 40;

const dataDir = mkdtempSync(path.join(os.tmpdir(), "appmail-crash-"));
const killFile = path.join(dataDir, "kill-after-writes");
let port = 0;
let env: NodeJS.ProcessEnv = { ...process.env };
let server: RunningServer | undefined;
let admin: Client;
let accountNumber = 0;

const ADMIN = {
  name: "Crash Admin",
  email: "crash-admin@example.com",
  password: "crash admin 12345",
};

let actionId: (name: string) => string = () => "";

const postForm = (client: Client, page: string, action: string, fields?: Record<string, string>) =>
  postFormTo(client, page, actionId(action), fields);

function sqlite<T>(work: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, "appmail.db"), { readonly: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

type UserRow = {
  id: string;
  totpSecret: string | null;
  totpEnabledAt: number | null;
  totpLastStep: number | bigint | null;
  sessionVersion: number | bigint;
};

function userRow(email: string): UserRow {
  return sqlite(
    (db) =>
      db
        .prepare(
          `SELECT id, totpSecret, totpEnabledAt, totpLastStep, sessionVersion FROM "User" WHERE email = ?`,
        )
        .get(email) as UserRow,
  );
}

function recoveryCodes(userId: string): { total: number; used: number } {
  return sqlite(
    (db) =>
      db
        .prepare(
          `SELECT count(*) AS total, count(usedAt) AS used FROM "RecoveryCode" WHERE userId = ?`,
        )
        .get(userId) as { total: number; used: number },
  );
}

function auditEvents(userId: string, type: string): number {
  return sqlite(
    (db) =>
      (
        db
          .prepare(`SELECT count(*) AS n FROM "AuditEvent" WHERE subjectId = ? AND type = ?`)
          .get(userId, type) as { n: number }
      ).n,
  );
}

async function restartServer() {
  if (server) await server.stop();
  server = await startServer(env, port);
}

type Account = HttpAccount;

/** A customer created by the admin, with 2FA not set up. */
async function newCustomer(prefix: string): Promise<Account> {
  accountNumber++;
  const account = {
    name: `${prefix} ${accountNumber}`,
    email: `${prefix}-${accountNumber}@example.com`,
    password: `${prefix} password ${accountNumber}`,
    lastStep: null,
  };
  const response = await postForm(admin, "/backend/users/new", "createUserAction", {
    name: account.name,
    email: account.email,
    password: account.password,
    role: "CUSTOMER",
  });
  if (actionRedirect(response) !== "/backend/users?created=1") {
    throw new Error(`creating ${account.email}: HTTP ${response.status} ${response.text()}`);
  }
  return account;
}

const signedIn = (account: Account) => signedInAt(`http://127.0.0.1:${port}`, account);

const startSetup = (client: Client) =>
  startSetupAt(client, actionId("startTwoFactorSetupAction"), "/customer/account");

const postEnable = (client: Client, account: Account, secret: string) =>
  postEnableForm(client, actionId("enableTwoFactorAction"), "/customer/account", account, secret);

/** Enables 2FA from the account page and returns the secret and the recovery codes shown. */
async function enrol(client: Client, account: Account) {
  const secret = await startSetup(client);
  const codes = shownRecoveryCodes(await postEnable(client, account, secret));
  if (!codes) throw new Error(`enabling 2FA for ${account.email} showed no recovery codes`);
  return { secret, codes };
}

const reachesDashboard = (client: Client) => opens(client, "/customer");

/** A fresh sign-in with the password and, when 2FA is on, a code: it must reach /customer. */
async function signInCompletely(account: Account, secret: string | null): Promise<string[]> {
  const client = await signedIn(account);
  if (secret) {
    const response = await postForm(client, "/login/verify", "verifyLoginCodeAction", {
      method: "code",
      code: await nextCode(account, secret),
    });
    if (actionRedirect(response) !== "/customer") {
      return [`a new sign-in with a code was refused (HTTP ${response.status})`];
    }
  }
  return (await reachesDashboard(client))
    ? []
    : [`a new sign-in ${secret ? "with a code" : "with the password alone"} is not complete`];
}

type Outcome = { killed: boolean; afterStatement: string | null };

type Scenario<T> = {
  name: string;
  prepare: () => Promise<T>;
  /** The request the kill interrupts. */
  act: (subject: T) => Promise<HttpResponse>;
  /** After the restart: what is half done or broken, as sentences (empty when all is well). */
  check: (subject: T, outcome: Outcome) => Promise<string[]>;
};

/**
 * Runs the scenario with a kill after the 1st, 2nd, … write of its request, until the request
 * completes. Returns the number of kill points tried and every problem found.
 */
async function runAtEveryWrite<T>(scenario: Scenario<T>) {
  const problems: string[] = [];
  for (let killAfter = 1; killAfter <= MAX_KILL_POINTS; killAfter++) {
    const subject = await scenario.prepare();
    writeFileSync(killFile, String(killAfter));
    let killed = false;
    try {
      const response = await scenario.act(subject);
      if (response.status >= 500) problems.push(`kill point ${killAfter}: HTTP ${response.status}`);
    } catch {
      killed = true;
    }
    let afterStatement: string | null = null;
    if (killed) {
      const record = `${killFile}.killed`;
      if (!existsSync(record)) throw new Error(`the server died without reaching a kill point`);
      afterStatement = readFileSync(record, "utf8").replace(/\s+/g, " ").slice(0, 120);
      unlinkSync(record);
      await restartServer();
    } else if (existsSync(killFile)) {
      unlinkSync(killFile);
    }
    const found = await scenario.check(subject, { killed, afterStatement });
    const where = killed ? `killed after write ${killAfter} (${afterStatement})` : "not killed";
    problems.push(...found.map((problem) => `${scenario.name}, ${where}: ${problem}`));
    if (!killed) return { killPoints: killAfter - 1, problems };
  }
  throw new Error(`${scenario.name}: still killed after ${MAX_KILL_POINTS} writes`);
}

beforeAll(async () => {
  buildIfNeeded(DIST_DIR, { quiet: true });
  actionId = actionIdsByName(DIST_DIR);
  port = await freePort();
  env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    HOSTNAME: "127.0.0.1",
    APPMAIL_DATA_DIR: dataDir,
    APPMAIL_TEST_KILL_FILE: killFile,
    APPMAIL_WORKERS: "1",
    NEXT_DIST_DIR: DIST_DIR,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  for (const name of [
    "DATABASE_URL",
    "NEXTAUTH_SECRET",
    "APPMAIL_ENCRYPTION_KEY",
    "APPMAIL_PREVIOUS_ENCRYPTION_KEYS",
    "APPMAIL_TRUSTED_PROXY_HOPS",
  ]) {
    delete env[name];
  }
  prepareDatabase(env);
  await restartServer();

  // The first admin, then 2FA on for the instance (required for nobody).
  const visitor = new Client(`http://127.0.0.1:${port}`);
  expectOk("create the first admin", await postForm(visitor, "/setup", "createAdminAction", ADMIN));
  admin = await signedIn({ ...ADMIN, lastStep: null });
  const saved = await postForm(admin, "/backend/settings/2fa", "saveTwoFactorSettingsAction", {
    companyName: "Crash Test",
    twoFactorEnabled: "on",
    requireTwoFactor: "NOBODY",
    gracePeriodDays: "7",
    trustBrowserDays: "0",
  });
  expect(saved.text()).toContain("Settings saved");
}, 400_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a server killed at any database write", () => {
  it("while enabling 2FA leaves it either off or on with 10 recovery codes, and the account signs in", async () => {
    const result = await runAtEveryWrite({
      name: "enable 2FA",
      prepare: async () => {
        const account = await newCustomer("crash-enable");
        const client = await signedIn(account);
        return { account, client, secret: await startSetup(client) };
      },
      act: ({ account, client, secret }) => postEnable(client, account, secret),
      check: async ({ account, secret }, outcome) => {
        const user = userRow(account.email);
        const codes = recoveryCodes(user.id);
        const audited = auditEvents(user.id, "two_factor_enabled");
        const enabled = user.totpEnabledAt !== null;
        const problems: string[] = [];
        if (enabled) {
          if (!user.totpSecret) problems.push("enabled without a secret");
          if (codes.total !== 10 || codes.used !== 0)
            problems.push(`enabled with ${codes.total} recovery codes (${codes.used} used)`);
          if (audited !== 1) problems.push(`enabled with ${audited} "2FA enabled" audit events`);
        } else {
          if (user.totpSecret) problems.push("a confirmed secret without totpEnabledAt");
          if (codes.total !== 0) problems.push(`off, with ${codes.total} recovery codes`);
          if (audited !== 0) problems.push(`off, with a "2FA enabled" audit event`);
          if (!outcome.killed) problems.push("the request completed but 2FA is off");
        }
        problems.push(...(await signInCompletely(account, enabled ? secret : null)));
        return problems;
      },
    });
    expect(result.problems).toEqual([]);
    // The current password's counters are written before 2FA is: each write is a kill point.
    expect(result.killPoints, "the enable request writes to the database").toBeGreaterThan(0);
  }, 480_000);

  it("while a recovery code completes step 2 leaves the code unused and the sign-in pending, or used and complete", async () => {
    const result = await runAtEveryWrite({
      name: "recovery code",
      prepare: async () => {
        const account = await newCustomer("crash-recovery");
        const { secret, codes } = await enrol(await signedIn(account), account);
        const client = await signedIn(account);
        const verify = await client.request("GET", "/login/verify", {
          headers: { accept: "text/html" },
        });
        expectOk("GET /login/verify", verify);
        return { account, secret, code: codes[0]!, client, userId: userRow(account.email).id };
      },
      act: ({ client, code }) =>
        postForm(client, "/login/verify", "verifyLoginCodeAction", {
          method: "recovery",
          recoveryCode: code,
        }),
      check: async ({ account, secret, code, client, userId }, outcome) => {
        const codes = recoveryCodes(userId);
        const complete = await reachesDashboard(client);
        const audited = auditEvents(userId, "recovery_code_used");
        const problems: string[] = [];
        if (codes.total !== 10) problems.push(`${codes.total} recovery codes instead of 10`);
        if (codes.used === 0) {
          if (complete)
            problems.push("the sign-in completed but the recovery code is still unused");
          if (audited !== 0) problems.push("a recovery code use is audited but no code is used");
          if (!outcome.killed) problems.push("the request completed but the code is unused");
          // The code is still good: the same sign-in can still use it.
          const again = await postForm(client, "/login/verify", "verifyLoginCodeAction", {
            method: "recovery",
            recoveryCode: code,
          });
          if (actionRedirect(again)?.startsWith("/customer") !== true)
            problems.push(`the unused recovery code was refused after the restart`);
        } else {
          if (codes.used !== 1) problems.push(`${codes.used} recovery codes used for one sign-in`);
          if (!complete)
            problems.push("the recovery code is used up but the sign-in is not complete");
          if (audited !== 1)
            problems.push(`the code is used, with ${audited} "recovery code used" audit events`);
        }
        problems.push(...(await signInCompletely(account, secret)));
        return problems;
      },
    });
    expect(result.problems).toEqual([]);
    expect(result.killPoints).toBeGreaterThan(0);
  }, 240_000);

  it("while an admin resets 2FA leaves the account untouched or reset and signed out everywhere, and it signs in", async () => {
    const result = await runAtEveryWrite({
      name: "admin reset",
      prepare: async () => {
        const account = await newCustomer("crash-reset");
        const client = await signedIn(account);
        const { secret } = await enrol(client, account);
        const before = userRow(account.email);
        return { account, secret, client, before };
      },
      act: ({ before }) =>
        postForm(admin, "/backend/users", "resetTwoFactorAction", { userId: before.id }),
      check: async ({ account, secret, client, before }, outcome) => {
        const user = userRow(account.email);
        const codes = recoveryCodes(user.id);
        const audited = auditEvents(user.id, "two_factor_reset");
        const oldSessionWorks = await reachesDashboard(client);
        const reset = user.totpSecret === null;
        const problems: string[] = [];
        if (reset) {
          if (user.totpEnabledAt !== null) problems.push("no secret, but totpEnabledAt is set");
          if (codes.total !== 0) problems.push(`reset, with ${codes.total} recovery codes left`);
          if (Number(user.sessionVersion) !== Number(before.sessionVersion) + 1)
            problems.push("reset, but the session version is unchanged");
          if (oldSessionWorks)
            problems.push("reset, but the account's earlier sign-in still works");
          if (audited !== 1) problems.push(`reset, with ${audited} "2FA reset" audit events`);
        } else {
          if (user.totpEnabledAt === null) problems.push("a secret without totpEnabledAt");
          if (codes.total !== 10) problems.push(`not reset, with ${codes.total} recovery codes`);
          if (Number(user.sessionVersion) !== Number(before.sessionVersion))
            problems.push("not reset, but signed out everywhere");
          if (!oldSessionWorks) problems.push("not reset, but the earlier sign-in no longer works");
          if (audited !== 0) problems.push(`not reset, with a "2FA reset" audit event`);
          if (!outcome.killed) problems.push("the request completed but 2FA was not reset");
        }
        problems.push(...(await signInCompletely(account, reset ? null : secret)));
        return problems;
      },
    });
    expect(result.problems).toEqual([]);
    expect(result.killPoints).toBeGreaterThan(0);
  }, 240_000);
});
