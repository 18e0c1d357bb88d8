import "server-only";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";

// The crash tests (test/integration/crash-recovery.test.ts) stop the server with SIGKILL right
// after a chosen database write, to prove that no crash leaves an account half changed. They
// name a control file in APPMAIL_TEST_KILL_FILE and write a number N into it: the server then
// kills itself after the N-th durable write from that moment on (a write statement outside a
// transaction, or the COMMIT of a transaction that wrote; a kill inside a transaction would only
// show what the last commit left). Without the variable, the adapter is returned untouched.

type Statement = { sql: string };
type Transaction = { wrote: boolean } | null;

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;
const COMMIT = /^\s*(COMMIT|END)\b/i;

function isDurableWrite(sql: string, transaction: Transaction): boolean {
  if (!transaction) return WRITE.test(sql);
  if (WRITE.test(sql)) transaction.wrote = true;
  return transaction.wrote && COMMIT.test(sql);
}

function faultPoint(controlFile: string, sql: string) {
  let remaining: number;
  try {
    remaining = Number(readFileSync(controlFile, "utf8"));
  } catch {
    return; // not armed
  }
  if (!Number.isInteger(remaining) || remaining < 1) return;
  if (remaining > 1) {
    writeFileSync(controlFile, String(remaining - 1));
    return;
  }
  // Disarmed first, so that the restarted server runs normally; the statement is kept for the test.
  unlinkSync(controlFile);
  writeFileSync(`${controlFile}.killed`, sql);
  process.kill(process.pid, "SIGKILL");
}

function wrap<T extends object>(target: T, controlFile: string, transaction: Transaction): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return async (statement: Statement) => {
          const result: unknown = await value.call(object, statement);
          if (isDurableWrite(statement.sql, transaction)) faultPoint(controlFile, statement.sql);
          return result;
        };
      }
      if (property === "connect") {
        return async () => wrap((await value.call(object)) as object, controlFile, null);
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) =>
          wrap((await value.apply(object, args)) as object, controlFile, { wrote: false });
      }
      return value.bind(object);
    },
  });
}

/** The driver adapter factory, with the crash tests' kill switch when they asked for it. */
export function withFaultPoints<T extends object>(factory: T): T {
  const controlFile = process.env.APPMAIL_TEST_KILL_FILE;
  return controlFile ? wrap(factory, controlFile, null) : factory;
}
