// A fault injected into a real database, for the integration tests that prove a change is one
// transaction: a trigger makes one kind of security-log insert fail, so whatever the same
// transaction wrote before it must roll back. The crash tests kill a whole server instead
// (lib/testing/fault-points.ts); this one runs inside the test process, on SQLite and PostgreSQL.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";

type RawClient = { $executeRawUnsafe: (sql: string) => Promise<number> };

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * Makes every insert of an audit event of `type` about `subjectId` fail until the returned
 * function is called.
 */
export async function failAuditInsert(
  db: RawClient,
  type: string,
  subjectId: string,
): Promise<() => Promise<void>> {
  const name = `injected_fault_${randomBytes(4).toString("hex")}`;
  const when = `NEW."type" = ${quote(type)} AND NEW."subjectId" = ${quote(subjectId)}`;
  if (inject("databaseEngine") === "postgresql") {
    await db.$executeRawUnsafe(`
      CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${when} THEN RAISE EXCEPTION 'injected fault'; END IF;
        RETURN NEW;
      END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    );
    return async () => {
      await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON "AuditEvent"`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
    };
  }
  await db.$executeRawUnsafe(`
    CREATE TRIGGER ${name} BEFORE INSERT ON "AuditEvent" WHEN ${when}
    BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER ${name}`);
  };
}
