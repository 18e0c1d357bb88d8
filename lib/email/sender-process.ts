// Starts the outbox's sender beside the web server (server.ts), as a child process: it never runs
// in a request's path, and it ends with the server. No database or secret is touched here.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const RESTART_DELAY_MS = 5_000;

/** Keeps one sender running until `stop()`; a sender that dies is started again. */
export function runSenderProcess(): { stop(): void } {
  let child: ChildProcess | null = null;
  let stopped = false;
  const start = () => {
    child = fork(path.join(root, "scripts", "email-sender.ts"), [], {
      cwd: root,
      execArgv: ["--conditions", "react-server", "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child.on("exit", (code, signal) => {
      child = null;
      if (stopped) return;
      console.error(`appmail: the e-mail sender ended (${signal ?? code}); starting another`);
      setTimeout(start, RESTART_DELAY_MS).unref();
    });
  };
  start();
  return {
    stop() {
      stopped = true;
      child?.kill("SIGTERM");
    },
  };
}
