import { guardedRoute } from "@/lib/actions/guarded-route";
import { accountsCsvStream } from "@/lib/security-overview/accounts-csv";

/** "Download CSV" on /backend/security: every account, streamed page by page (admins only). */
export const GET = guardedRoute(
  { caller: "admin", input: "none" },
  async () =>
    new Response(accountsCsvStream(), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="accounts.csv"',
        "cache-control": "no-store",
      },
    }),
);
