// Everything the app needs before it serves: valid configuration, generated secrets, the Prisma
// client, and an up-to-date database. Used by `npm start`, `npm run build` and `npm test`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ConfigError, loadConfig, type ServerConfig } from "../lib/config/env";

const root = path.resolve(import.meta.dirname, "..");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

export function loadConfigOrExit(): ServerConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`appmail: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

function mtime(file: string) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

export function prepare(): ServerConfig {
  const config = loadConfigOrExit();
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const schema = path.join(root, "prisma", "schema.prisma");
  const client = path.join(root, "lib", "db", "generated", "client.ts");
  if (mtime(client) < mtime(schema)) {
    execFileSync(prismaBin, ["generate"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  }
  execFileSync(prismaBin, ["migrate", "deploy"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: config.databaseUrl },
  });
  // WAL lets readers proceed while one writer commits; it is a property of the file, set once.
  const sqlite = new Database(config.databaseUrl.slice("file:".length));
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  return config;
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) prepare();
