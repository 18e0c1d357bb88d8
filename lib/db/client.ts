import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getConfig } from "@/lib/config/env";
import { PrismaClient } from "./generated/client";

export function createDatabaseClient(databaseUrl: string): PrismaClient {
  // A generous busy timeout: concurrent writers queue instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 15_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as { appmailDb?: PrismaClient };

/** One Prisma client per process. */
export const db: PrismaClient = (globalForDb.appmailDb ??= createDatabaseClient(
  getConfig().databaseUrl,
));
