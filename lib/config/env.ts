import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";

/** A configuration problem, reported as one line before the app stops. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export type ServerConfig = {
  dataDir: string;
  databaseUrl: string;
  /** Secret that signs the session cookie (next-auth's JWT). */
  sessionSecret: string;
  /** The current data-encryption key and every key still able to decrypt. */
  encryptionKey: { version: number; key: Buffer };
  encryptionKeys: Map<number, Buffer>;
  /** How many reverse proxies in front of the app may be trusted to set X-Forwarded-For. */
  trustedProxyHops: number;
  /** Server processes sharing the port (Node's cluster): JavaScript runs on one core each. */
  workers: number;
  /** The Strict-Transport-Security header of every response when served over HTTPS, else null. */
  strictTransportSecurity: string | null;
};

// A year, the usual minimum for browsers' preload lists; without "preload", which is a commitment
// an operator makes for the whole domain, not one the app can make for them.
const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

const base64Key = z
  .string()
  .trim()
  .refine((value) => decodeKey(value)?.length === 32, "must be 32 bytes, base64 or hex encoded");

const WORKERS_MESSAGE = 'must be a whole number from 1 to 64, or "auto" (one per CPU core)';

const envSchema = z.object({
  APPMAIL_DATA_DIR: z.string().trim().min(1).optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => value.startsWith("file:") || isPostgresUrl(value), {
      message:
        "must be a file: URL (SQLite, e.g. file:./data/appmail.db) or a postgresql:// URL (PostgreSQL)",
    })
    .optional(),
  NEXTAUTH_SECRET: z.string().trim().min(32, "must be at least 32 characters").optional(),
  APPMAIL_ENCRYPTION_KEY: base64Key.optional(),
  APPMAIL_ENCRYPTION_KEY_VERSION: z.coerce.number().int().min(1).max(1000).default(1),
  APPMAIL_PREVIOUS_ENCRYPTION_KEYS: z
    .string()
    .trim()
    .regex(/^(\d+=[^,\s]+)(,\d+=[^,\s]+)*$/, "must look like 1=<key>,2=<key>")
    .optional(),
  APPMAIL_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  APPMAIL_WORKERS: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]|[1-5]\d|6[0-4])$/, WORKERS_MESSAGE)
    .default("1"),
  NEXTAUTH_URL: z.url("must be an absolute URL such as https://mail.example.com").optional(),
});

export function isPostgresUrl(url: string) {
  return url.startsWith("postgresql://") || url.startsWith("postgres://");
}

function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return Buffer.from(value, "base64");
  return null;
}

/**
 * Reads a generated secret from the data folder, creating it on first use with mode 0600.
 * The exclusive create means two processes starting together agree on one value.
 */
function readOrCreateSecret(file: string, create: () => string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    const fd = openSync(file, "wx", 0o600);
    writeSync(fd, create() + "\n");
    closeSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

/** Where the database is, without touching any secret (for the Prisma CLI). */
export function databaseUrlFrom(env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.APPMAIL_DATA_DIR?.trim() || "data");
  return env.DATABASE_URL?.trim() || `file:${path.join(dataDir, "appmail.db")}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid environment: ${issue.path.join(".")} ${issue.message}.`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ values.APPMAIL_DATA_DIR ?? "data");
  const databaseUrl = values.DATABASE_URL ?? `file:${path.join(dataDir, "appmail.db")}`;

  // Several instances share one PostgreSQL database: their keys must be the same, so none is
  // generated there.
  if (isPostgresUrl(databaseUrl) && (!values.NEXTAUTH_SECRET || !values.APPMAIL_ENCRYPTION_KEY)) {
    throw new ConfigError(
      "On PostgreSQL, set NEXTAUTH_SECRET and APPMAIL_ENCRYPTION_KEY explicitly (the same on every instance).",
    );
  }
  const sessionSecret =
    values.NEXTAUTH_SECRET ??
    readOrCreateSecret(path.join(dataDir, "session-secret"), () =>
      randomBytes(32).toString("base64url"),
    );
  const keyText =
    values.APPMAIL_ENCRYPTION_KEY ??
    readOrCreateSecret(path.join(dataDir, "encryption-key"), () =>
      randomBytes(32).toString("base64"),
    );
  const key = decodeKey(keyText);
  if (key?.length !== 32) {
    throw new ConfigError(
      `Invalid data-encryption key in ${path.join(dataDir, "encryption-key")}: must be 32 bytes.`,
    );
  }

  const version = values.APPMAIL_ENCRYPTION_KEY_VERSION;
  const encryptionKeys = new Map<number, Buffer>([[version, key]]);
  for (const pair of values.APPMAIL_PREVIOUS_ENCRYPTION_KEYS?.split(",") ?? []) {
    const [oldVersion, oldText] = pair.split("=") as [string, string];
    const oldKey = decodeKey(oldText);
    if (oldKey?.length !== 32) {
      throw new ConfigError(
        `Invalid environment: APPMAIL_PREVIOUS_ENCRYPTION_KEYS key ${oldVersion} must be 32 bytes.`,
      );
    }
    encryptionKeys.set(Number(oldVersion), oldKey);
  }

  return {
    dataDir,
    databaseUrl,
    sessionSecret,
    encryptionKey: { version, key },
    encryptionKeys,
    trustedProxyHops: values.APPMAIL_TRUSTED_PROXY_HOPS,
    workers:
      values.APPMAIL_WORKERS === "auto" ? availableParallelism() : Number(values.APPMAIL_WORKERS),
    // NEXTAUTH_URL is the address people use, whatever terminates TLS in front of the app: https
    // there is what allows telling browsers never to use plain HTTP for this host.
    strictTransportSecurity: values.NEXTAUTH_URL?.startsWith("https:")
      ? STRICT_TRANSPORT_SECURITY
      : null,
  };
}

let cached: ServerConfig | undefined;

/** The process's configuration, read once. */
export function getConfig(): ServerConfig {
  cached ??= loadConfig();
  return cached;
}
