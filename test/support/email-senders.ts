// Outbox senders as separate processes (scripts/email-sender.ts), as server.ts runs them, against
// this test file's database (the environment set by database.ts is inherited).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");

export type SenderProcess = {
  child: ChildProcess;
  /** Resolves when the process has ended. */
  exited: Promise<void>;
  output: () => string;
};

export function spawnSender(pollMs = 200): SenderProcess {
  const child = spawn(
    process.execPath,
    ["--conditions", "react-server", "--import", "tsx", "scripts/email-sender.ts"],
    {
      cwd: projectRoot,
      env: { ...process.env, APPMAIL_EMAIL_POLL_MS: String(pollMs) },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited, output: () => output };
}

/** Stops a sender as the server does (SIGTERM: it finishes its delivery first). */
export async function stopSender(sender: SenderProcess): Promise<void> {
  if (sender.child.exitCode === null && sender.child.signalCode === null) {
    sender.child.kill("SIGTERM");
  }
  await sender.exited;
}

/** Waits for a condition another process brings about, checking every 100 ms. */
export async function until(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
