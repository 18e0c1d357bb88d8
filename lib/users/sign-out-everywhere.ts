import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { endSignInsOf } from "@/lib/auth/sign-in-rows";
import { db } from "@/lib/db/client";

export type SignOutEverywhereResult =
  { ok: true; email: string; count: number } | { ok: false; message: string };

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
  if (!user) return { ok: false, message: "That account no longer exists." };
  if (user.id === actor.id) {
    return { ok: false, message: "Sign your own browsers out on your account page." };
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
