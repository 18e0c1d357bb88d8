import "server-only";
import { deliverDueMessages, type PassResult, type SenderOptions } from "./sender";
import { describeSmtpError } from "./transport";

// The sender's timer: one pass of the outbox every few seconds (docs/architecture.md, "The
// outbox"), in the sender's own process (lib/email/sender-process.ts).

export type RunningSender = { stop(): Promise<void>; totals: PassResult };

/**
 * Runs passes every `intervalMs` until stopped. Its timer never keeps the process alive, and a
 * failed pass (the database away for a moment) is logged and tried again at the next tick.
 */
export function startEmailSender(
  options: SenderOptions & { intervalMs?: number; onError?: (error: unknown) => void } = {},
): RunningSender {
  const intervalMs = options.intervalMs ?? 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<unknown> = Promise.resolve();
  const totals: PassResult = { sent: 0, retried: 0, failed: 0 };
  const tick = () => {
    pass = deliverDueMessages(options)
      .then((result) => {
        for (const key of ["sent", "retried", "failed"] as const) totals[key] += result[key];
      })
      .catch((error) => (options.onError ?? logPassError)(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs).unref();
      });
  };
  tick();
  return {
    totals,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}

function logPassError(error: unknown) {
  console.error(`appmail: e-mail sender: ${describeSmtpError(error)}`);
}
