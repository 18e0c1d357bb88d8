import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { CommandAnswer, CommandRequest } from "./command-process";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");

export type CliResult = { exitCode: number; stdout: string; stderr: string };

/**
 * Runs `npm run appmail -- <args>` against the browser tests' database (or, with `env`, the one
 * that environment names: the multi-instance suite's PostgreSQL), with `stdin` (e.g. a password)
 * written to the command's standard input; resolves whatever the exit code. The command runs
 * without npm and without `scripts/prepare.ts`: the server under test has prepared the database
 * already, and each run then costs one process instead of three (about a second less).
 */
export function runAppmail(
  args: string[],
  stdin = "",
  env: Record<string, string> = browserSuiteDatabase(),
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      tsx,
      ["--conditions", "react-server", "cli/appmail.ts", ...args],
      { cwd: projectRoot, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ exitCode: error ? (typeof code === "number" ? code : -1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

function browserSuiteDatabase(): Record<string, string> {
  const dataDir = process.env.APPMAIL_TEST_DATA_DIR;
  if (!dataDir)
    throw new Error("APPMAIL_TEST_DATA_DIR is not set: run through playwright.config.ts");
  return { APPMAIL_DATA_DIR: dataDir };
}

type CommandProcess = {
  run(command: string, options: Record<string, string>, password: string): Promise<CliResult>;
};

/** This worker's command processes (test/support/command-process.ts), one per database. */
const commandProcesses = new Map<string, CommandProcess>();

function startCommandProcess(env: Record<string, string>, key: string): CommandProcess {
  const child = spawn(tsx, ["--conditions", "react-server", "test/support/command-process.ts"], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: "pipe",
  });
  const waiting = new Map<number, (answer: CommandAnswer) => void>();
  // What the process printed besides its answers, kept short, for the error of a failed command.
  let output = "";
  const keep = (text: string) => (output = (output + text).slice(-4000));
  child.stderr.on("data", (chunk: Buffer) => keep(chunk.toString()));
  createInterface({ input: child.stdout }).on("line", (line) => {
    let answer: CommandAnswer;
    try {
      answer = JSON.parse(line) as CommandAnswer;
    } catch {
      keep(`${line}\n`);
      return;
    }
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  });
  child.on("exit", (code) => {
    commandProcesses.delete(key);
    const answer = { exitCode: -1, error: `command process exited (${code}): ${output}` };
    for (const [id, settle] of waiting) settle({ id, ...answer });
    waiting.clear();
  });
  // A write that races its exit fails here; "exit" above has answered that request already.
  child.stdin.on("error", () => undefined);
  // Not counted as work that keeps the worker alive; Playwright ends its workers with
  // process.exit, which closes the process's input, and that ends the process.
  child.unref();
  let nextId = 0;
  return {
    run(command, options, password) {
      const id = ++nextId;
      const request: CommandRequest = { id, command, options, password };
      return new Promise((resolve) => {
        // As runAppmail's: a command that hangs fails its test with a message, not a timeout.
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve({ exitCode: -1, stdout: "", stderr: `no answer in 60 s: ${output}` });
        }, 60_000);
        waiting.set(id, (answer) => {
          clearTimeout(timer);
          resolve({
            exitCode: answer.exitCode,
            stdout: answer.output ?? "",
            stderr: answer.error ?? "",
          });
        });
        child.stdin.write(`${JSON.stringify(request)}\n`);
      });
    },
  };
}

/**
 * Runs a command of the command line (`command`, its options by long name, and what it reads as
 * the password) in this worker's command process for the database `env` names, rather than a
 * process of its own: the same code, without loading it again for every command. `runAppmail` is
 * for the tests of the command line itself (its parsing, exit codes and output).
 */
export function runInCommandProcess(
  command: string,
  options: Record<string, string>,
  password = "",
  env: Record<string, string> = browserSuiteDatabase(),
): Promise<CliResult> {
  const key = JSON.stringify(env);
  let commandProcess = commandProcesses.get(key);
  if (!commandProcess) {
    commandProcess = startCommandProcess(env, key);
    commandProcesses.set(key, commandProcess);
  }
  return commandProcess.run(command, options, password);
}

/** Creates an account with the command line's `user:create`, in this worker's command process. */
export async function createUserWithCli(user: {
  email: string;
  name: string;
  password: string;
  role: "admin" | "customer";
}): Promise<void> {
  const options = { email: user.email, name: user.name, role: user.role };
  const result = await runInCommandProcess("user:create", options, user.password);
  if (result.exitCode !== 0) {
    throw new Error(
      `appmail user:create --email ${user.email} failed with exit code ${result.exitCode}\n${result.stdout}${result.stderr}`,
    );
  }
}
