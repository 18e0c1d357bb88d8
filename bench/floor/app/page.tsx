import { redirect } from "next/navigation";
import { readSession } from "./session";

export default async function HomePage() {
  const session = await readSession();
  if (!session) redirect("/login");
  redirect(session.stage === "pending" ? "/login/verify" : "/customer");
}
