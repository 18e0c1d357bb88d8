// docs/rules.md, rule 10: the real command-line tool, run as the locked-out admin would run it,
// against a real SQLite file.
import { execFile } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { freePort, startSmtpSink } from "@/test/support/smtp-sink";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");
const dataDir = await setUpTestDatabase();
const { verifyPassword } = await import("@/lib/auth/password");

const PASSWORD = "a long enough password";

type Run = { code: number; stdout: string; stderr: string };

/** `npm run appmail -- <args>` without the npm wrapper, so each run costs one process. */
function appmail(args: string[], stdin = ""): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      tsx,
      ["--conditions", "react-server", "cli/appmail.ts", ...args],
      { cwd: projectRoot, env: { ...process.env, APPMAIL_DATA_DIR: dataDir }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const sqlite = new Database(path.join(dataDir, "appmail.db"), { readonly: true });
  try {
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}

const lines = (text: string) => text.trimEnd().split("\n").filter(Boolean);

// The commands that do not depend on each other run at once: each spawn costs a second or two.
let runs: Record<string, Run>;

beforeAll(async () => {
  const sqlite = new Database(path.join(dataDir, "appmail.db"));
  sqlite
    .prepare(
      `INSERT INTO Settings (id, companyName, twoFactorEnabled, requireTwoFactor, gracePeriodDays,
       trustBrowserDays, updatedAt) VALUES (1, 'Acme Mail', 1, 'ADMINS', 3, 14, ?)`,
    )
    .run(Date.now());
  sqlite
    .prepare(
      `INSERT INTO User (id, name, email, passwordHash, role, updatedAt)
       VALUES ('taken', 'Taken', 'taken@example.com', 'not-a-hash', 'CUSTOMER', ?)`,
    )
    .run(Date.now());
  sqlite.close();

  const entries = await Promise.all(
    Object.entries({
      help: appmail(["--help"]),
      unknown: appmail(["user:frobnicate"]),
      missingEmail: appmail(["user:create", "--name", "Ann", "--role", "admin"], `${PASSWORD}\n`),
      shortPassword: appmail(
        ["user:create", "--email", "short@example.com", "--name", "Sho", "--role", "customer"],
        "short\n",
      ),
      settingsShow: appmail(["settings:show"]),
      duplicate: appmail(
        ["user:create", "--email", "TAKEN@example.COM", "--name", "Again", "--role", "admin"],
        `${PASSWORD}\n`,
      ),
      create: appmail(
        ["user:create", "--email", "Root@Example.com", "--name", "Root Admin", "--role", "admin"],
        `${PASSWORD}\nignored second line\n`,
      ),
    }).map(async ([name, run]) => [name, await run] as const),
  );
  runs = Object.fromEntries(entries);
}, 60_000);

afterAll(() => removeTestDatabase(dataDir));

describe("appmail", () => {
  it("--help lists the commands and exits 0", () => {
    const { code, stdout } = runs.help!;
    expect(code).toBe(0);
    for (const command of ["user:create", "user:reset-2fa", "settings:show", "email:test"]) {
      expect(stdout).toContain(command);
    }
  });

  it("an unknown command exits 2 with a one-line error", () => {
    const { code, stderr, stdout } = runs.unknown!;
    expect(code).toBe(2);
    expect(lines(stderr)).toEqual([
      'appmail: Unknown command "user:frobnicate". Run with --help for the list.',
    ]);
    expect(stdout).toBe("");
  });

  it("user:create without --email exits 2 and creates nothing", () => {
    const { code, stderr } = runs.missingEmail!;
    expect(code).toBe(2);
    expect(lines(stderr)).toEqual(["appmail: --email is required."]);
    expect(query("SELECT id FROM User WHERE name = 'Ann'")).toEqual([]);
  });

  it("user:create with a too short password exits 2 and creates nothing", () => {
    const { code, stderr, stdout } = runs.shortPassword!;
    expect(code).toBe(2);
    expect(lines(stderr)).toEqual(["appmail: password: Use at least 10 characters."]);
    expect(stdout + stderr).not.toContain("short\n");
    expect(query("SELECT id FROM User WHERE email = 'short@example.com'")).toEqual([]);
  });

  it("user:create makes the account, password from the first line of stdin, and exits 0", async () => {
    const { code, stdout, stderr } = runs.create!;
    expect(code, stderr).toBe(0);
    expect(lines(stdout)).toEqual(["Created admin root@example.com."]);
    expect(stdout + stderr).not.toContain(PASSWORD);

    const rows = query<{ name: string; role: string; passwordHash: string }>(
      "SELECT name, role, passwordHash FROM User WHERE email = 'root@example.com'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "Root Admin", role: "ADMIN" });
    expect(rows[0]!.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(rows[0]!.passwordHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(rows[0]!.passwordHash, "ignored second line")).toBe(false);
  });

  it("user:create with an email taken in another case exits 1 with a one-line error", () => {
    const { code, stderr, stdout } = runs.duplicate!;
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual(["appmail: An account with this email address already exists."]);
    expect(stdout).toBe("");
    expect(query("SELECT name, role FROM User WHERE lower(email) = 'taken@example.com'")).toEqual([
      { name: "Taken", role: "CUSTOMER" },
    ]);
  });

  it("settings:show prints the instance settings from the database", () => {
    const { code, stdout } = runs.settingsShow!;
    expect(code).toBe(0);
    const shown = Object.fromEntries(
      lines(stdout).map((line) => line.split(/:\s+/, 2) as [string, string]),
    );
    expect(shown).toEqual({
      "Company name": "Acme Mail",
      "Two-factor authentication": "on",
      "Require two-factor for": "admins",
      "Grace period (days)": "3",
      "Trust browsers for (days)": "14",
      "Allow passkeys": "on",
      "Require a passkey for": "nobody",
    });
  });

  it("settings:set --require-passkey sets who must have a passkey, refuses a wrong value or passkeys off, and is audited", async () => {
    const wrong = await appmail(["settings:set", "--require-passkey", "customers"]);
    expect(wrong.code).toBe(2);
    expect(lines(wrong.stderr)).toEqual([
      "appmail: --require-passkey must be nobody, admins or everyone.",
    ]);

    const set = await appmail(["settings:set", "--require-passkey", "everyone"]);
    expect(set.code, set.stderr).toBe(0);
    expect(lines(set.stdout)).toContain("Require a passkey for:        everyone");
    expect(query("SELECT requirePasskey FROM Settings WHERE id = 1")).toEqual([
      { requirePasskey: "EVERYONE" },
    ]);
    const [event] = query<{ details: string }>(
      "SELECT details FROM AuditEvent WHERE type = 'settings_changed' ORDER BY id DESC LIMIT 1",
    );
    expect(JSON.parse(event!.details)).toEqual({
      old_requirePasskey: "NOBODY",
      new_requirePasskey: "EVERYONE",
    });

    const off = await appmail(["settings:set", "--require-passkey", "nobody"]);
    expect(off.code, off.stderr).toBe(0);
    expect(lines(off.stdout)).toContain("Require a passkey for:        nobody");

    // Passkeys not allowed: requiring one is refused and nothing changes (docs/rules.md, rule 34).
    const sqlite = new Database(path.join(dataDir, "appmail.db"));
    sqlite.prepare("UPDATE Settings SET allowPasskeys = 0 WHERE id = 1").run();
    sqlite.close();
    const refused = await appmail(["settings:set", "--require-passkey", "admins"]);
    expect(refused.code).toBe(2);
    expect(lines(refused.stderr)).toEqual([
      "appmail: Turn on “Allow passkeys” before requiring a passkey, or choose Nobody.",
    ]);
    expect(query("SELECT requirePasskey FROM Settings WHERE id = 1")).toEqual([
      { requirePasskey: "NOBODY" },
    ]);
  }, 60_000);
});

describe("appmail email:test", () => {
  function pointAt(port: number) {
    const sqlite = new Database(path.join(dataDir, "appmail.db"));
    sqlite
      .prepare(
        `INSERT INTO EmailSettings (id, smtpHost, smtpPort, smtpSecurity, fromAddress, updatedAt)
         VALUES (1, '127.0.0.1', ?, 'NONE', 'appmail@example.com', ?)
         ON CONFLICT (id) DO UPDATE SET smtpPort = excluded.smtpPort`,
      )
      .run(port, Date.now());
    sqlite.close();
  }

  it("sends a test e-mail at once with the saved settings, or says in one line why not", async () => {
    const missing = await appmail(["email:test"]);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual(["appmail: --to: Enter an email address."]);

    const unconfigured = await appmail(["email:test", "--to", "ops@example.com"]);
    expect(unconfigured.code).toBe(1);
    expect(lines(unconfigured.stderr)).toEqual([
      "appmail: E-mail is not configured: save an SMTP host and a from address.",
    ]);

    const sink = await startSmtpSink();
    try {
      pointAt(sink.port);
      const sent = await appmail(["email:test", "--to", "Ops@Example.com"]);
      expect(sent.code, sent.stderr).toBe(0);
      expect(lines(sent.stdout)).toEqual(["Test e-mail sent to ops@example.com."]);
      const [mail] = await sink.waitFor(1);
      expect(mail).toMatchObject({ to: ["ops@example.com"], subject: "Acme Mail: test e-mail" });
      expect(await query("SELECT id FROM OutboxMessage")).toEqual([]);
    } finally {
      await sink.stop();
    }

    pointAt(await freePort());
    const down = await appmail(["email:test", "--to", "ops@example.com"]);
    expect(down.code).toBe(1);
    expect(lines(down.stderr)).toHaveLength(1);
    expect(down.stderr).toMatch(/^appmail: The SMTP server 127.0.0.1:\d+ refused the connection\./);
  });

  it("user:deactivate and user:reactivate, by email in any case, audited as the command line", async () => {
    const off = await appmail(["user:deactivate", "--email", "Taken@Example.com"]);
    expect(off.code, off.stderr).toBe(0);
    expect(lines(off.stdout)).toEqual([
      "taken@example.com is deactivated and signed out everywhere.",
    ]);
    const [row] = query<{ deactivatedAt: number | null }>(
      "SELECT deactivatedAt FROM User WHERE id = 'taken'",
    );
    expect(row!.deactivatedAt).not.toBeNull();
    const on = await appmail(["user:reactivate", "--email", "taken@example.com"]);
    expect(on.code, on.stderr).toBe(0);
    expect(lines(on.stdout)).toEqual(["taken@example.com is reactivated."]);
    expect(query("SELECT deactivatedAt FROM User WHERE id = 'taken'")).toEqual([
      { deactivatedAt: null },
    ]);
    const events = query<{ type: string; actorId: string | null; userAgent: string }>(
      `SELECT type, actorId, userAgent FROM AuditEvent WHERE subjectId = 'taken'
       AND type IN ('account_deactivated', 'account_reactivated') ORDER BY id`,
    );
    expect(events).toEqual([
      { type: "account_deactivated", actorId: null, userAgent: "appmail-cli" },
      { type: "account_reactivated", actorId: null, userAgent: "appmail-cli" },
    ]);
  });
});
