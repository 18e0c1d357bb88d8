import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { getConfig, isPostgresUrl } from "@/lib/config/env";
import { withFaultPoints } from "@/lib/testing/fault-points";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client";

/**
 * A client for SQLite (the embedded default) or PostgreSQL. Both clients are generated from the
 * same models, so the rest of the app sees one type.
 */
export function createDatabaseClient(databaseUrl: string): PrismaClient {
  if (isPostgresUrl(databaseUrl)) {
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: 20 });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  // A generous busy timeout: concurrent writers queue instead of failing with SQLITE_BUSY.
  const adapter = withFaultPoints(new PrismaBetterSQLite3({ url: databaseUrl, timeout: 15_000 }));
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as { appmailDb?: PrismaClient };

/** One Prisma client per process. */
export const db: PrismaClient = (globalForDb.appmailDb ??= createDatabaseClient(
  getConfig().databaseUrl,
));
