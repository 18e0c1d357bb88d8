"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { readSession, SESSION_COOKIE, sessionValue } from "../../../session";

// Any six digits: the floor measures the action's round trip and redirect, not TOTP.
export async function verifyCodeAction(
  _previous: { message: string },
  form: FormData,
): Promise<{ message: string }> {
  const session = await readSession();
  if (session?.stage !== "pending") return { message: "Sign in first." };
  if (!/^\d{6}$/.test(String(form.get("code") ?? ""))) return { message: "Enter 6 digits." };
  (await cookies()).set(SESSION_COOKIE, sessionValue({ stage: "complete", email: session.email }), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
  });
  redirect("/customer");
}
