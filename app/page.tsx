import { redirect } from "next/navigation";
import { getSession, homeFor } from "@/lib/auth/session";
import { adminExists } from "@/lib/users/users";

export default async function HomePage() {
  const session = await getSession();
  if (session) redirect(homeFor(session));
  redirect((await adminExists()) ? "/login" : "/setup");
}
