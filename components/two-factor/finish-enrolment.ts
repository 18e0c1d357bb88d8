import { finishEnrolmentAction } from "./actions";

/**
 * Continues a sign-in that a policy sent to /login/enroll, once its new factor is set up: to the
 * page first asked for (`next`, docs/rules.md rule 30), which the action checks, or the dashboard.
 */
export function finishEnrolment(next: string | null) {
  const form = new FormData();
  if (next) form.set("next", next);
  void finishEnrolmentAction(form);
}
