import "server-only";
import { refused, type Failure } from "@/lib/failures/failure";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { reserve } from "@/lib/auth/throttle";
import { deviceCookieName } from "@/lib/auth/cookie-names";
import { deviceIdFromCookie } from "@/lib/auth/device-cookies";
import type { BrowserCookies } from "@/lib/sign-in/password-step";
import { db } from "@/lib/db/client";
import { isEmailConfigured } from "@/lib/email/email-settings";
import { letterLocale, readLetterhead } from "@/lib/email/email-words";
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

/** `recorded` settles once the link is stored and its message queued (tests wait for it). */
export type RequestResetResult =
  | { ok: true; message: typeof RESET_SENT; recorded: Promise<void> }
  | { ok: false; failure: Failure };

const counted = (counter: { key: string; limit: number }, now: Date) =>
  reserve({ ...counter, windowMs: REQUEST_WINDOW_MS }, now);

/**
 * The counter a request is answered by, in the database (so the limits hold across instances): the
 * client network's, or for a browser with the account's device cookie its own, so that a crowd
 * behind the owner's address cannot use up the owner's requests (docs/rules.md, rule 28). Either
 * way one conditional increment, whether or not the address has an account.
 */
function answeringCounter(deviceId: string | null, context: RequestContext) {
  return deviceId
    ? { key: `reset-device:${deviceId}`, limit: REQUESTS_PER_ADDRESS }
    : { key: `reset-client:${clientNetwork(context.clientAddress)}`, limit: REQUESTS_PER_CLIENT };
}

/**
 * The account's own limit, counted after the answer (its write would otherwise tell that the
 * address has an account). Past it a request is answered as any other and sends nothing. Keyed by
 * the account, so an address that names none writes no row (docs/rules.md, rule 23).
 */
const accountCounter = (userId: string) => ({
  key: `reset-account:${userId}`,
  limit: REQUESTS_PER_ADDRESS,
});

const afterAnswer = () => new Promise<void>((resolve) => setImmediate(resolve));

type Requester = { id: string; email: string; name: string; language: string | null } | null;

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
  fromDevice: boolean,
) {
  if (user && !fromDevice && !(await counted(accountCounter(user.id), now))) return;
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
    const letterhead = await readLetterhead(tx);
    const locale = letterLocale(letterhead, user.language);
    const message = composeResetEmail(user, resetLink(link.token), letterhead.instanceName, locale);
    await queueEmail(tx, message, now, {
      linkExpiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS),
    });
  });
}

/**
 * `email` is already well-formed and lower-case (lib/password-reset/schemas.ts). The answer comes
 * once the account is looked up, the client's (or the device's) limit counted and a token made
 * and hashed: the same work for any address. The writes, which differ, run after it (`recorded`),
 * so the answer's timing does not tell whether the address has an account. `cookie` reads the
 * browser's cookies, for the account's device cookie (lib/auth/device-cookies.ts).
 */
export async function requestPasswordReset(
  email: string,
  context: RequestContext,
  now: Date,
  cookie: BrowserCookies = () => undefined,
): Promise<RequestResetResult> {
  if (!(await isEmailConfigured())) {
    return refused("reset_unavailable");
  }
  // A deactivated account is answered as an unknown address: the same words, nothing sent.
  const user = await db.user.findUnique({
    where: { email, deactivatedAt: null },
    select: { id: true, email: true, name: true, language: true },
  });
  const deviceId = user
    ? deviceIdFromCookie(user.id, cookie(deviceCookieName(user.id)), now)
    : null;
  if (!(await counted(answeringCounter(deviceId, context), now))) {
    return refused("too_many_reset_requests");
  }
  const link = newResetToken();
  // Started after the answer has gone back (the next turn of the event loop): the SQLite driver
  // runs a statement synchronously, so even the first of the writes, which differ, would
  // otherwise delay the answer for a real account.
  const recorded = afterAnswer()
    .then(() => recordRequest(user, link, context, now, deviceId !== null))
    .catch((error: unknown) => {
      console.error(`appmail: a reset request was not recorded: ${(error as Error)?.name}`);
    });
  return { ok: true, message: RESET_SENT, recorded };
}
