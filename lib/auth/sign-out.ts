import "server-only";
import { db } from "@/lib/db/client";

/** Ends one sign-in for good: its cookie, if replayed, no longer counts. */
export async function endSignIn(signInId: string) {
  await db.signIn.updateMany({
    where: { id: signInId, endedAt: null },
    data: { endedAt: new Date() },
  });
}
