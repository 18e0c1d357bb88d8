import { execFile } from "node:child_process";
import path from "node:path";

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

/** Creates an account with the CLI's `user:create`, the password read from standard input. */
export async function createUserWithCli(user: {
  email: string;
  name: string;
  password: string;
  role: "admin" | "customer";
}): Promise<void> {
  const args = ["user:create", "--email", user.email, "--name", user.name, "--role", user.role];
  const result = await runAppmail(args, `${user.password}\n`);
  if (result.exitCode !== 0) {
    throw new Error(
      `appmail ${args.join(" ")} failed with exit code ${result.exitCode}\n${result.stdout}${result.stderr}`,
    );
  }
}
