import { execFile } from "node:child_process";
import path from "node:path";

const projectRoot = path.resolve(import.meta.dirname, "../..");

/**
 * Runs `npm run appmail -- <args>` against the browser tests' database, with `stdin` (e.g. a
 * password) written to the command's standard input.
 */
export function runAppmail(
  args: string[],
  stdin = "",
): Promise<{ stdout: string; stderr: string }> {
  const dataDir = process.env.APPMAIL_TEST_DATA_DIR;
  if (!dataDir)
    throw new Error("APPMAIL_TEST_DATA_DIR is not set: run through playwright.config.ts");
  return new Promise((resolve, reject) => {
    const child = execFile(
      "npm",
      ["run", "--silent", "appmail", "--", ...args],
      {
        cwd: projectRoot,
        env: { ...process.env, APPMAIL_DATA_DIR: dataDir },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(`appmail ${args.join(" ")} failed: ${error.message}\n${stdout}${stderr}`),
          );
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
    child.stdin?.end(stdin);
  });
}

/** Creates an account with the CLI's `user:create`, the password read from standard input. */
export async function createUserWithCli(user: {
  email: string;
  name: string;
  password: string;
  role: "admin" | "customer";
}): Promise<void> {
  await runAppmail(
    ["user:create", "--email", user.email, "--name", user.name, "--role", user.role],
    `${user.password}\n`,
  );
}
