import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { notMeTokenHash, readNotMeToken } from "@/lib/auth/new-browser-notice";
import { endSignIn } from "@/lib/auth/sign-in-rows";
import { db } from "@/lib/db/client";
import { describeBrowser } from "@/lib/format/browser-description";

// "This wasn't me" (docs/rules.md, rule 35): the link of a new-browser notice ends the one sign-in
// it was written for, revokes the account's trusted browsers and is audited, all in one
// transaction. Used once: a used, expired, unknown or malformed link gets one answer (`false`), so
// the link tells nobody anything but what its first use did.

/** True when this use of the link ended its sign-in; false for any link that does nothing. */
export async function endSignInByNotMeLink(
  input: unknown,
  context: RequestContext,
  now = new Date(),
): Promise<boolean> {
  const token = readNotMeToken(input);
  if (!token) return false;
  const tokenHash = notMeTokenHash(token);
  return db.$transaction(async (tx) => {
    const link = await tx.notMeToken.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        signInId: true,
        user: { select: { id: true, email: true } },
      },
    });
    if (!link) return false;
    // The claim: one conditional write, so of two uses at once exactly one goes on.
    const claimed = await tx.notMeToken.updateMany({
      where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return false;
    const signIn = await tx.signIn.findFirst({
      where: { id: link.signInId, userId: link.user.id },
      select: { clientAddress: true, userAgent: true },
    });
    await endSignIn(link.signInId, now, tx, link.user.id);
    const revoked = await tx.trustedBrowser.deleteMany({ where: { userId: link.user.id } });
    await recordAuditEvent(
      {
        type: "sign_in_disowned",
        subject: link.user,
        context,
        details: {
          browser: describeBrowser(signIn?.userAgent ?? null),
          address: signIn?.clientAddress ?? null,
          trustedBrowsersRevoked: revoked.count,
        },
      },
      tx,
    );
    return true;
  });
}
