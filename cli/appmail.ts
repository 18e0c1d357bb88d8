// `npm run appmail -- <command>`: the rescue tool for the admin on the server.
import { parseArgs } from "node:util";
import { ConfigError } from "@/lib/config/env";
import { runCommand } from "./commands";
import { PromptCancelled, readHiddenLine } from "./password-prompt";

async function readPassword(): Promise<string> {
  // At a terminal the password is typed without echo, so it never shows on screen.
  if (process.stdin.isTTY) return readHiddenLine(process.stdin, process.stderr, "Password: ");
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  return input.split(/\r?\n/)[0] ?? "";
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      "two-factor": { type: "string" },
      "require-passkey": { type: "string" },
      company: { type: "string" },
      to: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  const result = await runCommand(command, values, { readPassword });
  if (result.output) console.log(result.output);
  if (result.error) console.error(`appmail: ${result.error}`);
  process.exitCode = result.exitCode;
}

main().catch((error: unknown) => {
  if (error instanceof PromptCancelled) {
    // Ctrl-C at the prompt: nothing was done, and the shell sees an interrupted command.
    process.exitCode = 130;
    return;
  }
  if (
    error instanceof ConfigError ||
    (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`appmail: ${(error as Error).message}`);
  } else {
    console.error("appmail: the command failed unexpectedly.");
  }
  process.exitCode = 1;
});
