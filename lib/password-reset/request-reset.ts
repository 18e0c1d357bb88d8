import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { reserve } from "@/lib/auth/throttle";
import { keyedHash } from "@/lib/crypto/keyed-hash";
import { db } from "@/lib/db/client";
import { isEmailConfigured } from "@/lib/email/email-settings";
import { queueEmail } from "@/lib/email/outbox";
import { clientNetwork } from "@/lib/http/client-address";
import { composeResetEmail, resetLink } from "./reset-email";
import { newResetToken, RESET_LINK_LIFETIME_MS } from "./tokens";

// Asking for a reset link (docs/rules.md, rule 21). The answer never says whether the address has
// an account, and costs the same either way: the limits are counted, a token is made and hashed,
// the account is looked up and one transaction runs; only for a real account does that
// transaction store the token and queue the message.

export const REQUESTS_PER_ADDRESS = 3;
export const REQUESTS_PER_CLIENT = 10;
export const REQUEST_WINDOW_MS = 60 * 60_000;

export const RESET_SENT = "If an account exists for that address, a reset link is on its way.";
export const RESET_UNAVAILABLE =
  "Password reset is not available on this instance. Ask an administrator to reset your password.";
export const TOO_MANY_REQUESTS = "Too many reset requests. Try again in an hour.";

export type RequestResetResult =
  | { ok: true; message: typeof RESET_SENT }
  | { ok: false; reason: "unavailable" | "throttled"; message: string };

/**
 * One conditional increment per counter, in the database (so the limits hold across instances):
 * per typed address (as a keyed hash: what is typed may be a password) and per client network.
 */
async function reserveRequest(email: string, context: RequestContext, now: Date) {
  const counters = [
    { key: `reset-client:${clientNetwork(context.clientAddress)}`, limit: REQUESTS_PER_CLIENT },
    { key: `reset-address:${keyedHash("reset-address", email)}`, limit: REQUESTS_PER_ADDRESS },
  ];
  for (const counter of counters) {
    if (!(await reserve({ ...counter, windowMs: REQUEST_WINDOW_MS }, now))) return false;
  }
  return true;
}

/** `email` is already well-formed and lower-case (lib/password-reset/schemas.ts). */
export async function requestPasswordReset(
  email: string,
  context: RequestContext,
  now: Date,
): Promise<RequestResetResult> {
  if (!(await isEmailConfigured())) {
    return { ok: false, reason: "unavailable", message: RESET_UNAVAILABLE };
  }
  if (!(await reserveRequest(email, context, now))) {
    return { ok: false, reason: "throttled", message: TOO_MANY_REQUESTS };
  }
  const { token, tokenHash } = newResetToken();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true },
  });
  await db.$transaction(async (tx) => {
    // Links past their time are of no use to anyone: the same clean-up runs for every request.
    await tx.passwordResetToken.deleteMany({ where: { expiresAt: { lte: now } } });
    const settings = await tx.settings.findUnique({
      where: { id: 1 },
      select: { companyName: true },
    });
    if (!user) return;
    await tx.passwordResetToken.create({
      data: {
        userId: user.id,
        tokenHash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS),
      },
    });
    const message = composeResetEmail(user, resetLink(token), settings?.companyName ?? "AppMail");
    await queueEmail(tx, message, now);
  });
  return { ok: true, message: RESET_SENT };
}
