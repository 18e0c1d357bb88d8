// The command line's own `runCommand` (cli/commands.ts), kept running in one process that reads
// one JSON request per line and answers one JSON line each. test/support/cli.ts starts one per
// Playwright worker to make the specs' accounts: a process per account cost about 1.9 s of CPU,
// nearly all of it loading modules (test/support/README.md, "What a browser spec costs").
// Run with `tsx --conditions react-server`, as `npm run appmail` is.
import { createInterface } from "node:readline";
import { runCommand, type CommandResult } from "@/cli/commands";

export type CommandRequest = {
  id: number;
  command: string;
  options: Record<string, string>;
  /** What the command reads as the password from standard input. */
  password: string;
};

export type CommandAnswer = CommandResult & { id: number };

function answer(reply: CommandAnswer) {
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}

const requests = createInterface({ input: process.stdin });
requests.on("line", (line) => {
  const request = JSON.parse(line) as CommandRequest;
  runCommand(request.command, request.options, { readPassword: async () => request.password })
    .then((result) => answer({ id: request.id, ...result }))
    .catch((error: unknown) => answer({ id: request.id, exitCode: -1, error: String(error) }));
});
// Standard input closes when the worker that started this process exits: nobody is left to answer.
requests.on("close", () => process.exit(0));
