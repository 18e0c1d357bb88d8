import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { admin as firstAdmin } from "../support/browser-accounts";
import { accountThrottleKey, databasePath } from "../support/browser-database";
import {
  describeRequest,
  failureKind,
  generateRequest,
  PAGES,
  prng,
  sendWithRetry,
  withoutLiveCodes,
  type FuzzContext,
  type FuzzRequest,
  type SessionKind,
} from "../support/fuzz";
import {
  actionIdsByName,
  actionRedirect,
  Client,
  opens,
  postEnable,
  postForm,
  shownRecoveryCodes,
  signedIn,
  startSetup,
  type HttpAccount,
} from "../support/http-flows";
import { serverActions, STACK_TRACE } from "../support/server-actions";
import { codeForStep, currentStep } from "../support/totp";
import { ensureTwoFactorOn } from "../support/two-factor-settings";

// Bad input of every kind, generated from a seed, posted to every server action and route handler
// of the build with each kind of session: no answer is a 5xx or shows a stack trace, and stored
// state does not change. Replay a failure with APPMAIL_FUZZ_SEED=<seed> (and APPMAIL_FUZZ_REQUESTS
// to make a run shorter or longer).
//
// What bad input may still write, and is therefore left out of the comparison, is only what counts
// a refused attempt (every refusal must count, or guessing would be free):
// - AuditEvent: new rows of refused attempts (types ending in _failed, _locked or _throttled);
//   any other new row, or a change to an existing one, is a failure;
// - User: failedCodes, lockCount, lockedUntil and updatedAt of the accounts the run signs in with;
// - SignIn: endedAt of the run's pending sign-ins (a lock ends them), and activity timestamps
//   (columns named last…) of the run's own sign-ins;
// - SignInThrottle: the client address's counter, the counters of the few emails posted with a
//   valid CSRF token to next-auth's credentials check (at most PASSWORD_ATTEMPTS for the run, well
//   below the address's limit, so the browser tests that follow can still sign in), and the
//   wrong-password counters of the accounts the run signs in with (an action that asks for the
//   current password counts a wrong one, as sign-in does).
// - PasskeyChallenge: rows a sign-in asking for a passkey prompt's options writes (5 minutes, a
//   few per account), and their deletion once used or expired.
// - Rows the storage sweep deletes meanwhile (sweptAway): counters, challenges, expired links and
//   expired unfinished sign-ins; and the sweep's own lease (MaintenanceLease), which every
//   instance's background process claims again every few minutes, whatever the requests.
// Two actions take no input at all, so any post that reaches them is a real use: "Sign out" is
// posted only without a session, and "Set up two-factor authentication" never with the session
// whose set-up offer the run keeps open.

const SEED = Number(process.env.APPMAIL_FUZZ_SEED ?? 20_261_129);
const REQUESTS = Number(process.env.APPMAIL_FUZZ_REQUESTS ?? 10_000);
const ROUNDS = Math.max(1, Math.min(5, Math.ceil(REQUESTS / 500)));
const CONCURRENCY = 8;
const PASSWORD_ATTEMPTS = 6;

const FIELD_NAMES = [
  "code",
  "recoveryCode",
  "method",
  "trustBrowser",
  "password",
  "currentPassword",
  "newPassword",
  "name",
  "email",
  "role",
  "companyName",
  "twoFactorEnabled",
  "requireTwoFactor",
  "gracePeriodDays",
  "trustBrowserDays",
  "userId",
  "id",
] as const;

/** What a body must never show: a stack frame, a source path or a Node.js error name. */
const LEAK = new RegExp(
  `${STACK_TRACE.source}|\\.tsx?:\\d+|\\bat [^\\n]*\\.m?js:\\d+|Error: [^\\n]*/(app|lib|components)/`,
);

type Row = Record<string, unknown>;
type Dump = Record<string, Row[]>;

/** Every row of every table of the app's database. */
function dumpDatabase(): Dump {
  const db = new Database(databasePath(), { readonly: true, fileMustExist: true });
  try {
    // The users search's FTS5 index (docs/architecture.md, "The users list") and its shadow
    // tables are derived from "User" by triggers: the accounts themselves are compared.
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master t WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          AND name NOT LIKE '_prisma%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
          AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%'
            AND t.name LIKE v.name || '_%')
          ORDER BY name`,
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT rowid AS "_rowid", * FROM "${name}"`).all() as Row[]).map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]),
          ),
        ),
      ]),
    );
  } finally {
    db.close();
  }
}

type Allowance = {
  /** Ids of the accounts the run signs in with. */
  accountIds: Set<string>;
  /** Ids of the accounts whose pending sign-ins the run uses. */
  pendingAccountIds: Set<string>;
  /** Throttle keys the run may count failed password attempts on. */
  throttleKeys: Set<string>;
};

const REFUSED_ATTEMPT = /_(failed|locked|throttled)$/;

/** A stored date as the SQLite driver keeps it (milliseconds or text). */
const storedDate = (value: unknown) =>
  value === null || value === undefined ? null : new Date(value as number | string);

/**
 * A row the storage sweep may delete while the run goes on (docs/rules.md, rule 23): a counter, a
 * challenge, or a link or unfinished sign-in that has expired. Nothing bad input sends causes it.
 */
function sweptAway(table: string, row: Row): boolean {
  if (table === "SignInThrottle" || table === "PasskeyChallenge") return true;
  const expiresAt = storedDate(row.expiresAt);
  const expired = expiresAt !== null && expiresAt.getTime() <= Date.now();
  return (
    (table === "PasswordResetToken" && expired) ||
    (table === "SignIn" && expired && row.stage !== "COMPLETE")
  );
}

/** Whether a column kept its value: bytes (a passkey's public key) by content, the rest as they are. */
function sameValue(before: unknown, after: unknown): boolean {
  if (Buffer.isBuffer(before) && Buffer.isBuffer(after)) return before.equals(after);
  if (before instanceof Uint8Array && after instanceof Uint8Array) {
    return Buffer.from(before).equals(Buffer.from(after));
  }
  return before === after;
}

/** The changes between two dumps that bad input may not make, as sentences. */
function forbiddenChanges(before: Dump, after: Dump, allowed: Allowance): string[] {
  const problems: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (table === "MaintenanceLease") continue;
    const keyOf = (row: Row) => String(row.id ?? row.key ?? row._rowid);
    const old = new Map((before[table] ?? []).map((row) => [keyOf(row), row]));
    const now = new Map((after[table] ?? []).map((row) => [keyOf(row), row]));
    for (const key of old.keys()) {
      if (!now.has(key) && !sweptAway(table, old.get(key)!)) {
        problems.push(`${table} ${key} was deleted`);
      }
    }
    for (const [key, row] of now) {
      const previous = old.get(key);
      if (!previous) {
        const added =
          (table === "AuditEvent" && REFUSED_ATTEMPT.test(String(row.type))) ||
          table === "PasskeyChallenge" ||
          (table === "SignInThrottle" && allowed.throttleKeys.has(String(row.key)));
        if (!added) problems.push(`${table} row added: ${JSON.stringify(row).slice(0, 300)}`);
        continue;
      }
      for (const column of Object.keys(row)) {
        if (sameValue(previous[column], row[column])) continue;
        const userId = String(row.userId ?? "");
        const mayChange =
          (table === "User" &&
            allowed.accountIds.has(key) &&
            ["failedCodes", "lockCount", "lockedUntil", "updatedAt"].includes(column)) ||
          (table === "SignIn" &&
            ((column === "endedAt" && allowed.pendingAccountIds.has(userId)) ||
              (/^last/.test(column) && allowed.accountIds.has(userId)))) ||
          (table === "SignInThrottle" && allowed.throttleKeys.has(key));
        if (!mayChange) {
          problems.push(
            `${table} ${key}: ${column} changed from ${JSON.stringify(previous[column])} to ${JSON.stringify(row[column])}`,
          );
        }
      }
    }
  }
  return problems;
}

test("malformed requests to every server action and route handler: no 5xx, no stack trace, no change to stored state", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(20 * 60_000);
  const base = baseURL!;
  console.log(`fuzz: seed ${SEED} (APPMAIL_FUZZ_SEED), ${REQUESTS} requests in ${ROUNDS} rounds`);
  await ensureTwoFactorOn(browser);

  const actionId = actionIdsByName();
  const adminClient = await signedIn(base, { ...firstAdmin, lastStep: null });
  let created = 0;
  const newAccount = async (role: "ADMIN" | "CUSTOMER"): Promise<HttpAccount> => {
    created++;
    const tag = `${Date.now().toString(36)}-${created}`;
    const account = {
      name: `Fuzz ${role.toLowerCase()} ${created}`,
      email: `fuzz-${role.toLowerCase()}-${tag}@example.com`,
      password: `fuzz password ${tag}`,
      lastStep: null,
    };
    const response = await postForm(
      adminClient,
      "/backend/users/new",
      actionId("createUserAction"),
      { name: account.name, email: account.email, password: account.password, role },
    );
    expect(actionRedirect(response), `creating ${account.email}`).toBe("/backend/users?created=1");
    return account;
  };
  const userId = (email: string) => {
    const db = new Database(databasePath(), { readonly: true });
    try {
      return (db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(email) as { id: string }).id;
    } finally {
      db.close();
    }
  };
  const enrol = async (client: Client, account: HttpAccount, page: string) => {
    const secret = await startSetup(client, actionId("startTwoFactorSetupAction"), page);
    const response = await postEnable(
      client,
      actionId("enableTwoFactorAction"),
      page,
      account,
      secret,
    );
    expect(shownRecoveryCodes(response), `enabling 2FA for ${account.email}`).not.toBeNull();
    return secret;
  };
  const csrfToken = async (client: Client) => {
    const response = await client.request("GET", "/api/auth/csrf");
    return (JSON.parse(response.text()) as { csrfToken: string }).csrfToken;
  };

  // The sessions: anonymous, an admin with 2FA, a customer in the middle of setting 2FA up, and
  // (new each round) a customer with 2FA at step 2.
  const secrets: string[] = [];
  const fuzzAdmin = await newAccount("ADMIN");
  const adminSession = await signedIn(base, fuzzAdmin);
  secrets.push(await enrol(adminSession, fuzzAdmin, "/backend/account"));
  const customer = await newAccount("CUSTOMER");
  const customerSession = await signedIn(base, customer);
  secrets.push(
    await startSetup(customerSession, actionId("startTwoFactorSetupAction"), "/customer/account"),
  );
  const anonymous = new Client(base);
  const clients: Record<SessionKind, Client> = {
    anonymous,
    pending: anonymous,
    customer: customerSession,
    admin: adminSession,
  };
  const tokens = {} as Record<SessionKind, string>;
  const allowed: Allowance = {
    accountIds: new Set([userId(fuzzAdmin.email), userId(customer.email)]),
    pendingAccountIds: new Set(),
    throttleKeys: new Set([
      accountThrottleKey(fuzzAdmin.email),
      accountThrottleKey(customer.email),
    ]),
  };

  const actions = serverActions();
  expect(actions.length, "the build's server actions").toBeGreaterThan(5);
  let liveCodes = new Set<string>();
  const context: FuzzContext = {
    actions,
    fieldNames: FIELD_NAMES,
    pages: PAGES,
    csrfToken: (session) => tokens[session],
    isLiveCode: (digits) => liveCodes.has(digits),
  };
  const random = prng(SEED);
  const budget = { passwordAttempts: PASSWORD_ATTEMPTS };
  const failures: string[] = [];
  /** Failed requests by kind: how many, and the first of each for the report. */
  const kinds = new Map<string, { count: number; first: string }>();
  const fail = (request: FuzzRequest, outcome: string) => {
    const description = `${outcome}: ${describeRequest(request, SEED)}`;
    failures.push(description);
    const kind = failureKind(request, outcome.replace(/ \(.*\)$|, body shows.*$/, ""));
    const entry = kinds.get(kind) ?? { count: 0, first: description };
    entry.count++;
    kinds.set(kind, entry);
  };
  const statuses = new Map<number, number>();
  let sent = 0;
  const started = Date.now();

  for (let round = 0; round < ROUNDS; round++) {
    const pendingAccount = await newAccount("CUSTOMER");
    secrets.push(
      await enrol(await signedIn(base, pendingAccount), pendingAccount, "/customer/account"),
    );
    clients.pending = await signedIn(base, pendingAccount);
    expect(await opens(clients.pending, "/login/verify"), "a pending sign-in").toBe(true);
    allowed.pendingAccountIds.add(userId(pendingAccount.email));
    allowed.accountIds.add(userId(pendingAccount.email));
    allowed.throttleKeys.add(accountThrottleKey(pendingAccount.email));
    for (const kind of Object.keys(clients) as SessionKind[]) {
      tokens[kind] = await csrfToken(clients[kind]);
    }
    const now = currentStep();
    liveCodes = new Set(
      await Promise.all(
        secrets.flatMap((secret) =>
          Array.from({ length: 12 }, (_, i) => codeForStep(secret, now - 2 + i)),
        ),
      ),
    );

    const first = Math.round((REQUESTS * round) / ROUNDS);
    const last = Math.round((REQUESTS * (round + 1)) / ROUNDS);
    const requests: FuzzRequest[] = [];
    for (let index = first; index < last; index++) {
      const request = generateRequest(random, index, context, base, budget);
      for (const email of request.credentialsEmails)
        allowed.throttleKeys.add(accountThrottleKey(email));
      requests.push(withoutLiveCodes(request, context.isLiveCode));
    }

    const before = dumpDatabase();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const response = await sendWithRetry(
          base,
          request,
          clients[request.session].cookieHeader(),
        );
        sent++;
        if ("error" in response) {
          fail(request, `no answer (${response.error})`);
          continue;
        }
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const leak = LEAK.exec(response.body);
        if (response.status >= 500 || leak) {
          fail(request, `HTTP ${response.status}${leak ? `, body shows "${leak[0]}"` : ""}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    // The only client is this test: every address counter belongs to it.
    const after = dumpDatabase();
    for (const row of after.SignInThrottle ?? []) {
      if (String(row.key).startsWith("address:")) allowed.throttleKeys.add(String(row.key));
    }
    for (const problem of forbiddenChanges(before, after, allowed)) {
      const description = `round ${round + 1} (requests #${first}–#${last - 1} of seed ${SEED}): ${problem}`;
      failures.push(description);
      kinds.set(description, { count: 1, first: description });
    }
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  const histogram = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.log(`fuzz: ${sent} requests in ${seconds} s; statuses ${histogram.join(" ")}`);
  if (failures.length > 0) {
    const file = test.info().outputPath("fuzz-failures.txt");
    writeFileSync(file, failures.join("\n\n"));
    console.log(`fuzz: every failure of seed ${SEED} is in ${file}`);
  }
  expect(sent).toBe(REQUESTS);
  const report = [...kinds]
    .sort(([, a], [, b]) => b.count - a.count)
    .map(([kind, { count, first }]) => `${count} × ${kind}\n  first: ${first}`);
  expect(report, `seed ${SEED}: ${failures.length} failed requests or changes`).toEqual([]);
});
