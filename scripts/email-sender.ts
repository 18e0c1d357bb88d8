// The outbox's sender as a process of its own (docs/architecture.md, "The outbox"): server.ts
// starts one per instance through lib/email/sender-process.ts; tests start several. The storage
// sweep (lib/maintenance/storage-sweep.ts) runs on its own timer in the same process: every
// instance has one, off every request's path, and the sweep's lease keeps it from double work. Run with
// `tsx --conditions react-server` (the app's modules are server-only). It stops on SIGTERM or
// SIGINT, and when the process that started it goes away (its IPC channel closes).
import { startEmailSender } from "../lib/email/sender-timer";
import { startStorageSweep } from "../lib/maintenance/sweep-schedule";

const intervalMs = Number(process.env.APPMAIL_EMAIL_POLL_MS) || 5_000;
const sender = startEmailSender({ intervalMs });
const sweep = startStorageSweep();
// The sender's timer does not hold the process open (it also runs inside tests): this does.
const keepAlive = setInterval(() => {}, 60 * 60_000);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  clearInterval(keepAlive);
  await Promise.all([sender.stop(), sweep.stop()]);
  const { sent, retried, failed } = sender.totals;
  console.log(
    `appmail: e-mail sender stopped: ${sent} sent, ${retried} to retry, ${failed} failed`,
  );
  const { db } = await import("../lib/db/client");
  await db.$disconnect();
  process.exit(0);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop());
process.on("disconnect", () => void stop());
process.send?.("ready");
