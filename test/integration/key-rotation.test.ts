// README "Rotating the data-encryption key": `npm run appmail -- keys:rotate` re-encrypts every
// TOTP secret, the SMTP password and queued links with the new key, on a real SQLite file, through the real
// command-line tool.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");
const dataDir = await setUpTestDatabase();
afterAll(() => removeTestDatabase(dataDir));

const OLD = { version: 1, key: randomBytes(32) };
const NEW = { version: 2, key: randomBytes(32) };
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const PENDING = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
const SESSION_SECRET = "s".repeat(40);

type Run = { code: number; stdout: string; stderr: string };

function keysRotate(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ["--conditions", "react-server", "cli/appmail.ts", "keys:rotate"],
      {
        cwd: projectRoot,
        env: { ...process.env, APPMAIL_DATA_DIR: dataDir, NEXTAUTH_SECRET: SESSION_SECRET, ...env },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const base64 = (key: Buffer) => key.toString("base64");
const sqlite = () => new Database(path.join(dataDir, "appmail.db"));

function insertUser(id: string, totpSecret: string | null, pendingTotpSecret: string | null) {
  const db = sqlite();
  try {
    db.prepare(
      `INSERT INTO User (id, name, email, passwordHash, role, totpSecret, pendingTotpSecret, updatedAt)
       VALUES (?, ?, ?, 'not-a-hash', 'CUSTOMER', ?, ?, ?)`,
    ).run(id, id, `${id}@example.com`, totpSecret, pendingTotpSecret, Date.now());
  } finally {
    db.close();
  }
}

function stored(id: string) {
  const db = sqlite();
  try {
    return db.prepare("SELECT totpSecret, pendingTotpSecret FROM User WHERE id = ?").get(id) as {
      totpSecret: string | null;
      pendingTotpSecret: string | null;
    };
  } finally {
    db.close();
  }
}

const SMTP_PASSWORD = "smtp password 123";

function storeSmtpPassword(stored: string) {
  const db = sqlite();
  try {
    db.prepare(
      "INSERT INTO EmailSettings (id, smtpHost, smtpPassword, updatedAt) VALUES (1, 'mail.example.com', ?, ?)",
    ).run(stored, Date.now());
  } finally {
    db.close();
  }
}

function storedSmtpPassword() {
  const db = sqlite();
  try {
    return (
      db.prepare("SELECT smtpPassword FROM EmailSettings WHERE id = 1").get() as {
        smtpPassword: string;
      }
    ).smtpPassword;
  } finally {
    db.close();
  }
}

/** A queued message that carries a link, its bodies sealed as lib/email/link-bodies.ts seals them. */
function queueSealedLink(id: string, text: string, html: string) {
  const db = sqlite();
  try {
    db.prepare(
      `INSERT INTO OutboxMessage (id, recipient, subject, textBody, htmlBody, carriesLink, status, nextAttemptAt, bodyExpiresAt)
       VALUES (?, 'reader@example.com', 'Reset your password', ?, ?, 1, 'QUEUED', ?, ?)`,
    ).run(
      id,
      encryptSecret(text, OLD, `outbox-body:${id}:text`),
      encryptSecret(html, OLD, `outbox-body:${id}:html`),
      Date.now(),
      Date.now() + 30 * 60_000,
    );
  } finally {
    db.close();
  }
}

function storedBodies(id: string) {
  const db = sqlite();
  try {
    return db.prepare("SELECT textBody, htmlBody FROM OutboxMessage WHERE id = ?").get(id) as {
      textBody: string;
      htmlBody: string;
    };
  } finally {
    db.close();
  }
}

const seal = (secret: string, id: string, key = OLD) => encryptSecret(secret, key, `totp:${id}`);
const newKeyOnly = new Map([[NEW.version, NEW.key]]);

describe("keys:rotate", () => {
  it("without the old key configured it rewrites nothing, says which key is missing, exits 1", async () => {
    insertUser("enrolled", seal(SECRET, "enrolled"), null);
    storeSmtpPassword(encryptSecret(SMTP_PASSWORD, OLD, "smtp-password"));
    const before = stored("enrolled");
    const smtpBefore = storedSmtpPassword();
    const run = await keysRotate({
      APPMAIL_ENCRYPTION_KEY: base64(NEW.key),
      APPMAIL_ENCRYPTION_KEY_VERSION: "2",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("key version v1");
    expect(run.stderr).toContain("APPMAIL_PREVIOUS_ENCRYPTION_KEYS");
    expect(run.stderr).not.toMatch(/\bat \S+ \(|DecryptionError/);
    expect(run.stderr).toContain("The SMTP password was kept");
    expect(stored("enrolled")).toEqual(before);
    expect(storedSmtpPassword()).toBe(smtpBefore);
  });

  it("re-encrypts every secret, enrolled and pending, so that the new key alone opens it", async () => {
    insertUser("setting-up", seal(SECRET, "setting-up"), seal(PENDING, "setting-up"));
    insertUser("no-2fa", null, null);
    const env = {
      APPMAIL_ENCRYPTION_KEY: base64(NEW.key),
      APPMAIL_ENCRYPTION_KEY_VERSION: "2",
      APPMAIL_PREVIOUS_ENCRYPTION_KEYS: `1=${base64(OLD.key)}`,
    };
    const run = await keysRotate(env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(
      "Re-encrypted the TOTP secrets of 2 account(s).\nRe-encrypted the SMTP password.",
    );
    expect(storedSmtpPassword()).toMatch(/^v2:/);
    expect(decryptSecret(storedSmtpPassword(), newKeyOnly, "smtp-password")).toBe(SMTP_PASSWORD);

    for (const id of ["enrolled", "setting-up"]) {
      const row = stored(id);
      expect(row.totpSecret).toMatch(/^v2:/);
      expect(decryptSecret(row.totpSecret!, newKeyOnly, `totp:${id}`)).toBe(SECRET);
    }
    const pending = stored("setting-up").pendingTotpSecret!;
    expect(pending).toMatch(/^v2:/);
    expect(decryptSecret(pending, newKeyOnly, "totp:setting-up")).toBe(PENDING);
    expect(stored("no-2fa")).toEqual({ totpSecret: null, pendingTotpSecret: null });

    // Nothing left under the old key: a second run rewrites nothing.
    const again = await keysRotate(env);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe("Re-encrypted the TOTP secrets of 0 account(s).");
  });

  it("re-encrypts a queued message's link, so that the new key alone opens it (docs/rules.md, rule 25)", async () => {
    const text = "Open https://appmail.example/login/reset/queued-link";
    const html = '<a href="https://appmail.example/login/reset/queued-link">Reset</a>';
    queueSealedLink("queued-link", text, html);
    const run = await keysRotate({
      APPMAIL_ENCRYPTION_KEY: base64(NEW.key),
      APPMAIL_ENCRYPTION_KEY_VERSION: "2",
      APPMAIL_PREVIOUS_ENCRYPTION_KEYS: `1=${base64(OLD.key)}`,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(
      "Re-encrypted the TOTP secrets of 0 account(s).\nRe-encrypted 1 queued message(s) that carry a link.",
    );
    const bodies = storedBodies("queued-link");
    expect(bodies.textBody).toMatch(/^v2:/);
    expect(decryptSecret(bodies.textBody, newKeyOnly, "outbox-body:queued-link:text")).toBe(text);
    expect(decryptSecret(bodies.htmlBody, newKeyOnly, "outbox-body:queued-link:html")).toBe(html);
  });
});
