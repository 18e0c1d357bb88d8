"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions/guarded-action";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/cookie-names";
import { endSignIn } from "@/lib/auth/sign-in-rows";
import type { FormState } from "@/lib/forms/form-state";
import { noFields } from "@/lib/two-factor/schemas";

export const signOutAction = guardedAction(
  { caller: "anyone", input: noFields },
  async (_input, { session, now }): Promise<FormState> => {
    if (session) await endSignIn(session.signInId, now);
    const jar = await cookies();
    for (const name of SESSION_COOKIE_NAMES) jar.delete(name);
    redirect("/login");
  },
);
