import "server-only";
import { Prisma } from "./generated/client";

// Pieces of the raw statements on the sign-in's path (docs/architecture.md, "Reads per request"),
// written once and read the same on SQLite and PostgreSQL.

/** The column "hasPasskey" of a query over `"User" u`: whether that account has a passkey. */
export const HAS_PASSKEY_COLUMN = Prisma.sql`EXISTS (
  SELECT 1 FROM "Passkey" p WHERE p."userId" = u."id") AS "hasPasskey"`;

/** A computed truth value as JavaScript's: SQLite answers 0 or 1, PostgreSQL a boolean. */
export const sqlBoolean = (value: unknown) => Boolean(Number(value));
