import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig as loadConfigFrom } from "./env";

const scratch = mkdtempSync(path.join(os.tmpdir(), "appmail-env-unit-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let folders = 0;
/** A data folder that does not exist yet. */
const newDataDir = () => path.join(scratch, `data-${++folders}`);
const mode = (file: string) => statSync(file).mode & 0o777;

type Env = Record<string, string>;
// Next's types declare NODE_ENV on every environment; these ones only need what they set.
const loadConfig = (env: Env) => loadConfigFrom(env as unknown as NodeJS.ProcessEnv);

const SECRET = "s".repeat(40);
const HEX_KEY = "ab".repeat(32);

/** What loadConfig throws for this environment. */
function configError(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("loadConfig accepted the environment");
}

describe("the embedded default", () => {
  it("generates the session secret and the encryption key, mode 0600, and reuses them", () => {
    const dataDir = newDataDir();
    const first = loadConfig({ APPMAIL_DATA_DIR: dataDir });

    const secretFile = path.join(dataDir, "session-secret");
    const keyFile = path.join(dataDir, "encryption-key");
    expect(mode(secretFile)).toBe(0o600);
    expect(mode(keyFile)).toBe(0o600);
    expect(mode(dataDir)).toBe(0o700);
    expect(first.sessionSecret).toBe(readFileSync(secretFile, "utf8").trim());
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.encryptionKey).toEqual({ version: 1, key: expect.any(Buffer) });
    expect(first.encryptionKey.key).toHaveLength(32);
    expect(first.databaseUrl).toBe(`file:${path.join(dataDir, "appmail.db")}`);

    const second = loadConfig({ APPMAIL_DATA_DIR: dataDir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.encryptionKey.key.equals(first.encryptionKey.key)).toBe(true);
  });

  it("each data folder gets its own secrets", () => {
    const a = loadConfig({ APPMAIL_DATA_DIR: newDataDir() });
    const b = loadConfig({ APPMAIL_DATA_DIR: newDataDir() });
    expect(a.sessionSecret).not.toBe(b.sessionSecret);
    expect(a.encryptionKey.key.equals(b.encryptionKey.key)).toBe(false);
  });

  it("secrets from the environment are used and nothing is generated", () => {
    const dataDir = newDataDir();
    const config = loadConfig({
      APPMAIL_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: SECRET,
      APPMAIL_ENCRYPTION_KEY: HEX_KEY,
    });
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.encryptionKey.key.toString("hex")).toBe(HEX_KEY);
    expect(() => statSync(path.join(dataDir, "session-secret"))).toThrow();
    expect(() => statSync(path.join(dataDir, "encryption-key"))).toThrow();
  });

  it("a damaged key file is a one-line configuration error", () => {
    const dataDir = newDataDir();
    loadConfig({ APPMAIL_DATA_DIR: dataDir });
    writeFileSync(path.join(dataDir, "encryption-key"), "too short\n");
    const error = configError({ APPMAIL_DATA_DIR: dataDir });
    expect(error.message).toContain("encryption-key");
    expect(error.message).not.toContain("\n");
  });
});

describe("server processes", () => {
  it("one by default, the number given, or one per core for auto", () => {
    expect(loadConfig({ APPMAIL_DATA_DIR: newDataDir() }).workers).toBe(1);
    expect(loadConfig({ APPMAIL_DATA_DIR: newDataDir(), APPMAIL_WORKERS: " 3 " }).workers).toBe(3);
    expect(loadConfig({ APPMAIL_DATA_DIR: newDataDir(), APPMAIL_WORKERS: "auto" }).workers).toBe(
      os.availableParallelism(),
    );
  });
});

describe("malformed settings stop the app with one line naming the variable", () => {
  const cases: [string, Env][] = [
    ["NEXTAUTH_SECRET", { NEXTAUTH_SECRET: "short-secret" }],
    ["APPMAIL_ENCRYPTION_KEY", { APPMAIL_ENCRYPTION_KEY: Buffer.alloc(16, 7).toString("base64") }],
    ["APPMAIL_ENCRYPTION_KEY", { APPMAIL_ENCRYPTION_KEY: "ab".repeat(31) }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://x" }],
    ["APPMAIL_WORKERS", { APPMAIL_WORKERS: "lots" }],
    ["APPMAIL_WORKERS", { APPMAIL_WORKERS: "65" }],
    ["APPMAIL_WORKERS", { APPMAIL_WORKERS: "0" }],
  ];

  it.each(cases)("%s", (variable, env) => {
    const dataDir = newDataDir();
    const error = configError({ APPMAIL_DATA_DIR: dataDir, ...env });
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain("\n");
    // The offending value, possibly a secret, is not repeated.
    expect(error.message).not.toContain(Object.values(env)[0]);
    // Nothing was generated for a configuration that will not start.
    expect(() => statSync(path.join(dataDir, "session-secret"))).toThrow();
  });

  it("PostgreSQL requires both secrets explicitly", () => {
    const error = configError({
      APPMAIL_DATA_DIR: newDataDir(),
      DATABASE_URL: "postgresql://app@db.internal/appmail",
    });
    expect(error.message).toContain("NEXTAUTH_SECRET");
    expect(error.message).toContain("APPMAIL_ENCRYPTION_KEY");
    expect(error.message).not.toContain("\n");
  });
});
