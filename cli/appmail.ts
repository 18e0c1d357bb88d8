// `npm run appmail -- <command>`: the rescue tool for the admin on the server.
import { parseArgs } from "node:util";
import { ConfigError } from "@/lib/config/env";
import { runCommand } from "./commands";

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const { createInterface } = await import("node:readline/promises");
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Mute the echo: the password never shows on screen or in the shell history.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith("Password")) write.call(rl, s);
    };
    const answer = await rl.question("Password: ");
    rl.close();
    process.stderr.write("\n");
    return answer;
  }
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
      company: { type: "string" },
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
