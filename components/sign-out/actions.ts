"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { endSignIn } from "@/lib/auth/sign-out";
import { getSession, SESSION_COOKIE_NAMES } from "@/lib/auth/session";

export async function signOut() {
  const session = await getSession();
  if (session) await endSignIn(session.signInId);
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) jar.delete(name);
  redirect("/login");
}
