// What an anonymous (or pending) client can send, through the domain functions the routes call,
// with an injected clock: the storage test (test/integration/storage-budget.test.ts) and
// bench/storage.ts drive it. Import it after the test database is set up (it imports app modules).
import { signInWithPassword } from "@/lib/sign-in/password-step";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { assertionOptions } from "@/lib/passkeys/assertion-options";
import { signInWithPasskey } from "@/lib/sign-in/passkey-sign-in";
import { requestPasswordReset } from "@/lib/password-reset/request-reset";
import { SoftAuthenticator } from "./soft-authenticator";

export const KINDS = [
  /** A wrong password for an email that names no account, a new one each time. */
  "password, unknown email",
  /** A wrong password for a real account. */
  "password, real account",
  /** "Forgot your password?" for an address that names no account, a new one each time. */
  "reset, unknown email",
  /** "Forgot your password?" for a real account. */
  "reset, real account",
  /** A passkey sign-in on /login: fresh options, then an assertion by a credential not registered. */
  "passkey sign-in, fresh challenge",
  /** A pending sign-in asking for step 2's passkey options again and again. */
  "passkey options, pending sign-in",
] as const;
export type Kind = (typeof KINDS)[number];

const strangers = new Map<string, SoftAuthenticator>();

/** One request of `kind` from `clientAddress` at `now`; `n` makes typed addresses differ. */
export async function sendAnonymous(
  kind: Kind,
  target: { id: string; email: string },
  clientAddress: string,
  now: Date,
  n: number,
): Promise<void> {
  const context = { clientAddress, userAgent: "storage-test/1.0" };
  const madeUp = `nobody-${clientAddress}-${n}@example.com`;
  switch (kind) {
    case "password, unknown email":
      await signInWithPassword({ email: madeUp, password: `guess ${n}` }, context, now);
      return;
    case "password, real account":
      await signInWithPassword({ email: target.email, password: `guess ${n}` }, context, now);
      return;
    case "reset, unknown email":
    case "reset, real account": {
      const email = kind === "reset, real account" ? target.email : madeUp;
      const result = await requestPasswordReset(email, context, now);
      if (result.ok) await result.recorded;
      return;
    }
    case "passkey sign-in, fresh challenge": {
      const { challenge } = await assertionOptions(null, now);
      let stranger = strangers.get(clientAddress);
      if (!stranger) strangers.set(clientAddress, (stranger = new SoftAuthenticator()));
      await signInWithPasskey(stranger.assert(challenge, n + 1), context, now);
      return;
    }
    case "passkey options, pending sign-in":
      await assertionOptions(target, now);
      return;
  }
}

export type RowCounts = Record<string, number>;

/** The rows of every table, by model name. */
export async function rowCounts(): Promise<RowCounts> {
  const counts: RowCounts = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const name = (model[0]!.toLowerCase() + model.slice(1)) as "user";
    counts[model] = await (db[name] as unknown as { count(): Promise<number> }).count();
  }
  return counts;
}

/** `after - before`, per table. */
export function rowsAdded(before: RowCounts, after: RowCounts): RowCounts {
  return Object.fromEntries(Object.keys(after).map((t) => [t, after[t]! - (before[t] ?? 0)]));
}
