import { guardedRoute, answer } from "@/lib/actions/guarded-route";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** For load balancers and the test harness: 200 while the database answers, else 503. */
export const GET = guardedRoute({ caller: "anyone", input: "none" }, async () => {
  try {
    await db.$queryRaw`SELECT 1`;
    return answer({ status: "ok" });
  } catch {
    return answer({ status: "unavailable" }, 503);
  }
});
