import { PassThrough } from "node:stream";
import type { ReadStream } from "node:tty";
import { describe, expect, it } from "vitest";
import { PromptCancelled, readHiddenLine } from "./password-prompt";

/** A stand-in terminal: keys go in, the screen is what was written, raw mode is recorded. */
function terminal() {
  const input = Object.assign(new PassThrough(), {
    isRaw: false,
    rawWhileReading: false,
    setRawMode(mode: boolean) {
      this.isRaw = mode;
      if (mode) this.rawWhileReading = true;
      return this;
    },
  });
  let screen = "";
  const output = new PassThrough();
  output.on("data", (chunk: Buffer) => (screen += chunk.toString()));
  const read = () => readHiddenLine(input as unknown as ReadStream, output, "Password: ");
  return { input, read, screen: () => screen };
}

describe("readHiddenLine", () => {
  it("reads the line in raw mode, shows only the prompt, and restores the terminal", async () => {
    const { input, read, screen } = terminal();
    const line = read();
    input.write("correct horse\r");
    expect(await line).toBe("correct horse");
    expect(screen()).toBe("Password: \n");
    expect(input.rawWhileReading).toBe(true);
    expect(input.isRaw).toBe(false);
  });

  it("Backspace, Ctrl-U and arrow keys edit the line; a character split across reads stays whole", async () => {
    const { input, read } = terminal();
    const line = read();
    input.write("mistake\u0015pa");
    input.write("\u001b[D\u001b[Css\u007fsw");
    const umlaut = Buffer.from("ö");
    input.write(umlaut.subarray(0, 1));
    input.write(Buffer.concat([umlaut.subarray(1), Buffer.from("rdX\bx\u007f\n")]));
    expect(await line).toBe("passwörd");
  });

  it("Ctrl-D ends the line like Enter", async () => {
    const { input, read } = terminal();
    const line = read();
    input.write("typed so far\u0004ignored");
    expect(await line).toBe("typed so far");
  });

  it("Ctrl-C cancels and restores the terminal", async () => {
    const { input, read, screen } = terminal();
    const line = read();
    input.write("half typed\u0003");
    await expect(line).rejects.toBeInstanceOf(PromptCancelled);
    expect(input.isRaw).toBe(false);
    expect(screen()).toBe("Password: \n");
  });
});
