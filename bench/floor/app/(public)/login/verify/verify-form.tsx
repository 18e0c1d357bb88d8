"use client";

import { useActionState } from "react";
import { verifyCodeAction } from "./actions";

export function VerifyForm() {
  const [state, action] = useActionState(verifyCodeAction, { message: "" });
  return (
    <form action={action} noValidate>
      <div aria-live="assertive">{state.message ? <p role="alert">{state.message}</p> : null}</div>
      <input type="hidden" name="method" value="code" />
      <label htmlFor="verify-code">Authentication code</label>
      <input id="verify-code" name="code" inputMode="numeric" autoComplete="one-time-code" />
      <button type="submit">Verify</button>
    </form>
  );
}
