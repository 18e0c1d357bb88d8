import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { endSignInsOf } from "@/lib/auth/sign-in-rows";
import { db } from "@/lib/db/client";
import { refused, type Result } from "@/lib/failures/failure";

export type SignOutEverywhereResult = Result<{ email: string; count: number }>;

/**
 * An admin's "Sign out everywhere" for another account: ends all of its sign-ins, pending ones
 * too, with the audit event in the same transaction. Each browser is refused on its next request,
 * on every instance, because the session helper reads the row (docs/rules.md, rule 22).
 */
export async function signOutEverywhere(
  targetId: string,
  actor: { id: string; email: string },
  context: RequestContext,
  now = new Date(),
): Promise<SignOutEverywhereResult> {
  const user = await db.user.findUnique({
    where: { id: targetId },
    select: { id: true, email: true },
  });
  if (!user) return refused("no_such_account");
  if (user.id === actor.id) {
    return refused("own_browsers_elsewhere");
  }
  const count = await db.$transaction(async (tx) => {
    const ended = await endSignInsOf(user.id, now, {}, tx);
    await recordAuditEvent(
      { type: "signed_out_everywhere", actor, subject: user, context, details: { count: ended } },
      tx,
    );
    return ended;
  });
  return { ok: true, email: user.email, count };
}
