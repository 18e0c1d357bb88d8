import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { reserve } from "@/lib/auth/throttle";
import { keyedHash } from "@/lib/crypto/keyed-hash";
import { db } from "@/lib/db/client";
import { isEmailConfigured } from "@/lib/email/email-settings";
import { queueEmail } from "@/lib/email/outbox";
import { clientNetwork } from "@/lib/http/client-address";
import { composeResetEmail, resetLink } from "./reset-email";
import { newResetToken, RESET_LINK_LIFETIME_MS } from "./tokens";

// Asking for a reset link (docs/rules.md, rule 21). The answer never says whether the address has
// an account, nor takes longer when it has one.

export const REQUESTS_PER_ADDRESS = 3;
export const REQUESTS_PER_CLIENT = 10;
export const REQUEST_WINDOW_MS = 60 * 60_000;

export const RESET_SENT = "If an account exists for that address, a reset link is on its way.";
export const RESET_UNAVAILABLE =
  "Password reset is not available on this instance. Ask an administrator to reset your password.";
export const TOO_MANY_REQUESTS = "Too many reset requests. Try again in an hour.";

/** `recorded` settles once the link is stored and its message queued (tests wait for it). */
export type RequestResetResult =
  | { ok: true; message: typeof RESET_SENT; recorded: Promise<void> }
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

type Requester = { id: string; email: string; name: string } | null;

/**
 * Stores the link and queues its message for a real account, in one transaction with the audit
 * event; for an unknown address only the audit event (without what was typed: docs/rules.md,
 * rule 13). Expired links of anyone are dropped on the way.
 */
async function recordRequest(
  user: Requester,
  link: { token: string; tokenHash: string },
  context: RequestContext,
  now: Date,
) {
  await db.$transaction(async (tx) => {
    await tx.passwordResetToken.deleteMany({ where: { expiresAt: { lte: now } } });
    const details = { accountExists: user !== null };
    await recordAuditEvent(
      { type: "password_reset_requested", subject: user, context, details },
      tx,
    );
    if (!user) return;
    await tx.passwordResetToken.create({
      data: {
        userId: user.id,
        tokenHash: link.tokenHash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS),
      },
    });
    const settings = await tx.settings.findUnique({
      where: { id: 1 },
      select: { companyName: true },
    });
    const instanceName = settings?.companyName ?? "AppMail";
    await queueEmail(tx, composeResetEmail(user, resetLink(link.token), instanceName), now, {
      linkExpiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS),
    });
  });
}

/**
 * `email` is already well-formed and lower-case (lib/password-reset/schemas.ts). The answer comes
 * once the limits are counted, a token made and hashed and the account looked up: the same work
 * for any address. The writes, which differ, run after it (`recorded`), so the answer's timing
 * does not tell whether the address has an account.
 */
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
  const link = newResetToken();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true },
  });
  const recorded = recordRequest(user, link, context, now).catch((error: unknown) => {
    console.error(`appmail: a reset request was not recorded: ${(error as Error)?.name}`);
  });
  return { ok: true, message: RESET_SENT, recorded };
}
