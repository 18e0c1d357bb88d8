import { redirect } from "next/navigation";
import { RETURN_PARAM } from "@/lib/auth/return-path";
import { getSession, homeFor } from "@/lib/auth/session";
import { adminExists } from "@/lib/users/users";

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await getSession();
  // A passkey sign-in on /login comes here with the page first asked for (docs/rules.md, rule 30).
  if (session) redirect(homeFor(session, firstValue((await searchParams)[RETURN_PARAM])));
  redirect((await adminExists()) ? "/login" : "/setup");
}

function firstValue(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value;
}
