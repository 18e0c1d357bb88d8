import "server-only";
import { stringify } from "csv-stringify/sync";
import { db } from "@/lib/db/client";

// `/backend/security/accounts.csv` (docs/rules.md, "The security overview"): one row per account,
// read in pages by id (keyset paging) and written page by page, so memory stays flat however
// many accounts there are. Each page costs three queries: the accounts with their passkey count
// (kept on the account by the database), then their unused recovery codes and last sign-ins
// counted by the database for that page's ids.

export const CSV_HEADER = [
  "email",
  "name",
  "role",
  "authenticator app",
  "passkeys",
  "recovery codes left",
  "last sign-in",
  "created",
];
export const CSV_PAGE_SIZE = 1000;

type AccountRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  totpEnabledAt: Date | null;
  /** Kept by the database's triggers (docs/architecture.md, "Security overview"). */
  passkeyCount: number | bigint;
  createdAt: Date;
};

const ROLE_WORDS: Record<string, string> = { ADMIN: "Admin", CUSTOMER: "Customer" };

// A cell starting with =, +, - or @ is prefixed with ' so that spreadsheets never run it.
const csv = (rows: unknown[][]) => stringify(rows, { escape_formulas: true });

const counted = (rows: { userId: string; _count: { _all: number } }[]) =>
  new Map(rows.map((row) => [row.userId, row._count._all]));

/** One page of accounts after `afterId`, as CSV rows; `lastId` null when there are no more. */
export async function accountsCsvPage(
  afterId: string | null,
  size = CSV_PAGE_SIZE,
): Promise<{ rows: unknown[][]; lastId: string | null }> {
  // Raw: Prisma's read of 1,000 rows costs several times the statement (docs/architecture.md,
  // "Reads per request"); the columns read the same on SQLite and PostgreSQL.
  const accounts = await db.$queryRaw<AccountRow[]>`
    SELECT "id", "email", "name", "role", "totpEnabledAt", "passkeyCount", "createdAt" FROM "User"
    WHERE "id" > ${afterId ?? ""} ORDER BY "id" LIMIT ${size}`;
  if (accounts.length === 0) return { rows: [], lastId: null };
  const ids = accounts.map((account) => account.id);
  // The page is every account from its first id to its last: a range takes two parameters where a
  // list of 1,000 ids would pass SQLite's limit of bound parameters.
  const page = { gte: ids[0]!, lte: ids[ids.length - 1]! };
  const [codes, signIns] = await Promise.all([
    db.recoveryCode.groupBy({
      by: ["userId"],
      where: { userId: page, usedAt: null },
      _count: { _all: true },
    }),
    // A complete sign-in: a password alone that still waited for a second step is not one.
    db.auditEvent.groupBy({
      by: ["subjectId"],
      where: {
        type: "sign_in_succeeded",
        subjectId: page,
        NOT: { details: { contains: '"step":"password"' } },
      },
      _max: { createdAt: true },
    }),
  ]);
  const codesLeft = counted(codes);
  const lastSignIn = new Map(signIns.map((row) => [row.subjectId, row._max.createdAt]));
  const rows = accounts.map((account) => [
    account.email,
    account.name,
    ROLE_WORDS[account.role] ?? account.role,
    account.totpEnabledAt ? "yes" : "no",
    Number(account.passkeyCount),
    codesLeft.get(account.id) ?? 0,
    lastSignIn.get(account.id)?.toISOString() ?? "",
    account.createdAt.toISOString(),
  ]);
  return { rows, lastId: accounts.length < size ? null : ids[ids.length - 1]! };
}

/** The whole file as a stream: the header, then a page per pull. */
export function accountsCsvStream(size = CSV_PAGE_SIZE): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csv([CSV_HEADER])));
      }
      const page = await accountsCsvPage(cursor, size);
      if (page.rows.length > 0) controller.enqueue(encoder.encode(csv(page.rows)));
      if (page.lastId === null) controller.close();
      else cursor = page.lastId;
    },
  });
}
