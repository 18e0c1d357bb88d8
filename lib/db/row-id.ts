import { randomBytes } from "node:crypto";

let lastMs = 0;
let counter = 0;

/**
 * A new row id for a row that a raw statement inserts (Prisma's `@default(cuid())` applies only to
 * its own inserts). Like a cuid it sorts by creation within a process: "c", the millisecond in base
 * 36, a counter within that millisecond, then 8 random bytes. A clock that goes back keeps the last
 * millisecond and counts on, so ids never sort before earlier ones.
 */
export function newRowId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else {
    counter++;
  }
  const time = lastMs.toString(36).padStart(8, "0");
  return `c${time}${counter.toString(36).padStart(4, "0")}${randomBytes(8).toString("hex")}`;
}
