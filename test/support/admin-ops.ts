import { execFile } from "node:child_process";
import path from "node:path";
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type Request,
} from "@playwright/test";
import Database from "better-sqlite3";
import { admin, uniqueEmail } from "./accounts";
import { createUserWithCli } from "./cli";
import { signInAs, submitSignIn } from "./session";
import { Authenticator, secretFromSetupKey } from "./totp";

// Helpers for the admin-operations specs (policy, admin reset, trusted browsers, security log,
// command-line rescue). They keep to PRODUCT.md's routes and accessible names.

export const projectRoot = path.resolve(import.meta.dirname, "../..");

export type Role = "admin" | "customer";
export type Account = { name: string; email: string; password: string; role: Role };
export type Policy = "Nobody" | "Admins" | "Everyone";

export type InstanceSettings = {
  companyName: string;
  enabled: boolean;
  require: Policy;
  graceDays: number;
  trustDays: number;
};

/** What every other spec expects between tests: 2FA on, nobody forced, no trusted browsers. */
export const NEUTRAL_SETTINGS: InstanceSettings = {
  companyName: "Acme Mail",
  enabled: true,
  require: "Nobody",
  graceDays: 7,
  trustDays: 0,
};

/** Chromium user agents with a marker, so that the security log's entries can be told apart. */
export function userAgent(marker: string): string {
  return (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " +
    `Chrome/130.0.0.0 Safari/537.36 ${marker}`
  );
}
export const ADMIN_USER_AGENT = userAgent("appmail-admin-ops-admin");

export const home = (role: Role) => (role === "admin" ? "/backend" : "/customer");
export const accountPage = (role: Role) => `${home(role)}/account`;
export const dashboardUrl = (role: Role) => new RegExp(`${home(role)}(\\?.*)?$`);
export const verifyUrl = /\/login\/verify(\?.*)?$/;
export const enrollUrl = /\/login\/enroll(\?.*)?$/;
export const loginUrl = /\/login(\?.*)?$/;

// ---------------------------------------------------------------------------------------------
// The database, read only.

export function databasePath(): string {
  const dataDir = process.env.APPMAIL_TEST_DATA_DIR;
  if (!dataDir)
    throw new Error("APPMAIL_TEST_DATA_DIR is not set: run through playwright.config.ts");
  return path.join(dataDir, "appmail.db");
}

function withDatabase<T>(work: (db: Database.Database) => T): T {
  const db = new Database(databasePath(), { readonly: true, fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

type Row = Record<string, unknown>;

export function storedUser(email: string): Row {
  const row = withDatabase((db) =>
    db.prepare(`SELECT * FROM "User" WHERE email = ?`).get(email.toLowerCase()),
  ) as Row | undefined;
  if (!row) throw new Error(`No stored user ${email}`);
  return row;
}

export function storedSettings(): Row {
  return withDatabase((db) => db.prepare(`SELECT * FROM "Settings" WHERE id = 1`).get()) as Row;
}

export function trustedBrowsersOf(userId: string): Row[] {
  return withDatabase((db) =>
    db.prepare(`SELECT * FROM "TrustedBrowser" WHERE userId = ? ORDER BY rowid`).all(userId),
  ) as Row[];
}

export function recoveryCodeCount(userId: string): number {
  return withDatabase(
    (db) =>
      (
        db.prepare(`SELECT COUNT(*) AS n FROM "RecoveryCode" WHERE userId = ?`).get(userId) as {
          n: number;
        }
      ).n,
  );
}

export function auditEventCount(): number {
  return withDatabase(
    (db) => (db.prepare(`SELECT COUNT(*) AS n FROM "AuditEvent"`).get() as { n: number }).n,
  );
}

/**
 * Everything an admin operation could change: accounts (secrets, session versions, locks),
 * recovery codes, trusted browsers, settings and the sign-ins' end marks, as one JSON string.
 */
export function databaseSnapshot(): string {
  return withDatabase((db) => {
    const dump = Object.fromEntries(
      ["User", "RecoveryCode", "TrustedBrowser", "Settings"].map((table) => [
        table,
        db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all(),
      ]),
    );
    dump.SignIn = db
      .prepare(`SELECT id, userId, stage, sessionVersion, endedAt FROM "SignIn" ORDER BY rowid`)
      .all();
    return JSON.stringify(dump, (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// The command line.

export type CliResult = { exitCode: number; stdout: string; stderr: string };

/** `npm run appmail -- <args>` against the test database, whatever its exit code. */
export function runCli(args: string[], stdin = ""): Promise<CliResult> {
  const dataDir = process.env.APPMAIL_TEST_DATA_DIR;
  if (!dataDir)
    throw new Error("APPMAIL_TEST_DATA_DIR is not set: run through playwright.config.ts");
  return new Promise((resolve) => {
    const child = execFile(
      "npm",
      ["run", "--silent", "appmail", "--", ...args],
      { cwd: projectRoot, env: { ...process.env, APPMAIL_DATA_DIR: dataDir }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ exitCode: error ? (typeof code === "number" ? code : -1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

/** A fresh account made with `user:create` (password on standard input). */
export async function createAccount(role: Role, prefix: string): Promise<Account> {
  const account: Account = {
    name: `${prefix} ${role}`,
    email: uniqueEmail(`ops-${prefix}`),
    password: `password of ${prefix} 123`,
    role,
  };
  await createUserWithCli(account);
  return account;
}

// ---------------------------------------------------------------------------------------------
// The admin's settings page.

/** Saves `changes` on /backend/settings/2fa and checks the stored row. */
export async function applySettings(
  adminPage: Page,
  changes: Partial<InstanceSettings>,
): Promise<void> {
  await adminPage.goto("/backend/settings/2fa");
  await expect(
    adminPage.getByRole("heading", { name: "Two-factor authentication", exact: true }),
  ).toBeVisible();
  if (changes.companyName !== undefined) {
    await adminPage.getByLabel("Company name", { exact: true }).fill(changes.companyName);
  }
  if (changes.enabled !== undefined) {
    await adminPage
      .getByRole("checkbox", { name: "Enable two-factor authentication", exact: true })
      .setChecked(changes.enabled);
  }
  if (changes.require !== undefined) {
    await adminPage
      .getByLabel("Require two-factor authentication for", { exact: true })
      .selectOption({ label: changes.require });
  }
  if (changes.graceDays !== undefined) {
    await adminPage
      .getByLabel("Grace period (days)", { exact: true })
      .fill(String(changes.graceDays));
  }
  if (changes.trustDays !== undefined) {
    await adminPage
      .getByLabel("Trust browsers for (days)", { exact: true })
      .fill(String(changes.trustDays));
  }
  await adminPage.getByRole("button", { name: "Save", exact: true }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();

  const stored = storedSettings();
  if (changes.companyName !== undefined) expect(stored.companyName).toBe(changes.companyName);
  if (changes.enabled !== undefined) expect(Boolean(stored.twoFactorEnabled)).toBe(changes.enabled);
  if (changes.require !== undefined) {
    expect(stored.requireTwoFactor).toBe(changes.require.toUpperCase());
  }
  if (changes.graceDays !== undefined) expect(stored.gracePeriodDays).toBe(changes.graceDays);
  if (changes.trustDays !== undefined) expect(stored.trustBrowserDays).toBe(changes.trustDays);
}

/**
 * `adminPage`: the first admin, signed in (under neutral settings) in a context of its own, with
 * a recognisable user agent. The settings are made neutral before the test and restored after
 * it, pass or fail, through that same session: a new admin sign-in under a policy with no grace
 * would be sent to enrolment.
 */
export const test = base.extend<{ adminPage: Page }>({
  adminPage: async ({ browser }, provide) => {
    const context = await browser.newContext({ userAgent: ADMIN_USER_AGENT });
    try {
      const page = await context.newPage();
      await signInAs(page, admin, "/backend");
      await applySettings(page, NEUTRAL_SETTINGS);
      await provide(page);
      await applySettings(page, NEUTRAL_SETTINGS);
    } finally {
      await context.close();
    }
  },
});
export { expect };

// ---------------------------------------------------------------------------------------------
// Signing in and enrolling.

export async function newPage(
  browser: Browser,
  options: { userAgent?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  return { context, page: await context.newPage() };
}

export function twoFactorSection(page: Page): Locator {
  return page.getByRole("region", { name: "Two-factor authentication", exact: true });
}

/**
 * On a page showing the two-factor panel (account page or /login/enroll): "Set up", the secret
 * from "Setup key", the current password and a code, the 10 recovery codes, "Done". Uses one
 * time-step.
 */
export async function enrolHere(page: Page, password: string): Promise<Authenticator> {
  await page.getByRole("button", { name: "Set up two-factor authentication", exact: true }).click();
  const setupKey = page.getByLabel("Setup key", { exact: true });
  await expect(setupKey).toHaveValue(/\S/);
  const authenticator = new Authenticator(secretFromSetupKey(await setupKey.inputValue()));
  const panel = twoFactorSection(page);
  await panel.getByLabel("Current password", { exact: true }).fill(password);
  await panel.getByLabel("Authentication code", { exact: true }).fill(await authenticator.code());
  await panel.getByRole("button", { name: "Enable", exact: true }).click();
  await expect(
    page.getByRole("list", { name: "Recovery codes", exact: true }).getByRole("listitem"),
  ).toHaveCount(10);
  await page.getByRole("button", { name: "Done", exact: true }).click();
  return authenticator;
}

/** A fresh account, signed in on `page` (2FA not required) and enrolled from its account page. */
export async function enrolledAccount(
  page: Page,
  role: Role,
  prefix: string,
): Promise<Account & { authenticator: Authenticator }> {
  const account = await createAccount(role, prefix);
  await signInAs(page, account, home(role));
  await page.goto(accountPage(role));
  const authenticator = await enrolHere(page, account.password);
  await expect(twoFactorSection(page).getByText("Enabled", { exact: true })).toBeVisible();
  expect(storedUser(account.email).totpEnabledAt).not.toBeNull();
  return { ...account, authenticator };
}

/** Step 1 for an enrolled account: the browser then waits on /login/verify for the code. */
export async function signInToVerify(page: Page, account: Account): Promise<void> {
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(verifyUrl);
  await expect(page.getByLabel("Authentication code", { exact: true })).toBeVisible();
}

/** Step 2 on /login/verify, optionally ticking "Trust this browser". */
export async function verifyWithCode(
  page: Page,
  authenticator: Authenticator,
  options: { trustBrowser?: boolean } = {},
): Promise<void> {
  if (options.trustBrowser) {
    await page.getByRole("checkbox", { name: "Trust this browser", exact: true }).check();
  }
  await page.getByLabel("Authentication code", { exact: true }).fill(await authenticator.code());
  await page.getByRole("button", { name: "Verify", exact: true }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(loginUrl);
}

// ---------------------------------------------------------------------------------------------
// Server actions on the wire.

export type CapturedAction = {
  url: string;
  actionId: string;
  headers: Record<string, string>;
  contentType: string;
  /** The multipart fields, in order, as posted. */
  fields: [string, string][];
};

/** Splits a multipart/form-data body into its (name, value) text fields. */
export function parseMultipart(contentType: string, body: Buffer): [string, string][] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Error(`Not multipart: ${contentType}`);
  const marker = `--${boundary[1] ?? boundary[2]}`;
  const fields: [string, string][] = [];
  for (const part of body.toString("utf8").split(marker)) {
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) continue;
    const name = /name="([^"]*)"/.exec(part.slice(0, headerEnd))?.[1];
    if (name === undefined) continue;
    fields.push([name, part.slice(headerEnd + 4).replace(/\r\n$/, "")]);
  }
  return fields;
}

/** Records the next server-action POST the page sends (Next-Action header). */
export function captureNextAction(page: Page): () => Promise<CapturedAction> {
  const seen = new Promise<Request>((resolve) => {
    const listener = (request: Request) => {
      if (request.method() === "POST" && request.headers()["next-action"]) {
        page.off("request", listener);
        resolve(request);
      }
    };
    page.on("request", listener);
  });
  return async () => {
    const request = await seen;
    const headers = await request.allHeaders();
    const contentType = headers["content-type"] ?? "";
    const body = request.postDataBuffer() ?? Buffer.alloc(0);
    return {
      url: request.url(),
      actionId: headers["next-action"]!,
      headers,
      contentType,
      fields: contentType.startsWith("multipart/form-data")
        ? parseMultipart(contentType, body)
        : [],
    };
  };
}

export type Part = { name: string; value: string | Buffer; filename?: string; type?: string };

const BOUNDARY = "----adminOpsBoundaryq8Zr2LkA";

/** A multipart body with text and file parts, as a script could post it. */
export function multipartBody(parts: Part[]): { contentType: string; data: Buffer } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${
      part.filename !== undefined ? `; filename="${part.filename}"` : ""
    }`;
    const type =
      part.filename !== undefined
        ? `Content-Type: ${part.type ?? "application/octet-stream"}\r\n`
        : "";
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value, "utf8"));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${BOUNDARY}`, data: Buffer.concat(chunks) };
}
