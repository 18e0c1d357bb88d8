// A password prompt at a terminal that never echoes what is typed. The terminal is put in raw
// mode (no echo by the terminal itself) and keys are read one by one here, so nothing but the
// prompt is ever written: no character, no mask, not even the password's length.
import type { ReadStream } from "node:tty";

/** Ctrl-C at the prompt: the person gave up; the command ends (exit status 130). */
export class PromptCancelled extends Error {
  override name = "PromptCancelled";
}

const CTRL_C = "\u0003";
const CTRL_D = "\u0004";
const CTRL_U = "\u0015";
const BACKSPACE = new Set(["\u007f", "\b"]);
// Arrow, function and other special keys arrive as escape sequences: they are not characters.
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|O[\s\S]|[\s\S])?/g;

/**
 * Writes `prompt` to `output` and reads one line from the terminal `input` without echo. Enter or
 * Ctrl-D ends the line; Backspace removes the last character and Ctrl-U the whole line; Ctrl-C
 * rejects with `PromptCancelled`. The terminal's mode is restored in every case.
 */
export function readHiddenLine(
  input: ReadStream,
  output: NodeJS.WritableStream,
  prompt: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const wasRaw = input.isRaw;
    let typed = "";

    const finish = (settle: () => void) => {
      input.off("data", onKeys);
      input.off("end", onEnd);
      input.setRawMode(wasRaw);
      input.pause();
      output.write("\n");
      settle();
    };
    const onEnd = () => finish(() => resolve(typed));
    const onKeys = (chunk: string) => {
      for (const key of chunk.replace(ESCAPE_SEQUENCE, "")) {
        if (key === "\r" || key === "\n" || key === CTRL_D) return finish(() => resolve(typed));
        if (key === CTRL_C) return finish(() => reject(new PromptCancelled()));
        if (BACKSPACE.has(key)) typed = Array.from(typed).slice(0, -1).join("");
        else if (key === CTRL_U) typed = "";
        // Any other control character (Tab, Ctrl-Z, …) is ignored rather than made part of it.
        else if (key >= " ") typed += key;
      }
    };

    input.setRawMode(true);
    input.setEncoding("utf8");
    output.write(prompt);
    input.on("data", onKeys);
    input.once("end", onEnd);
    input.resume();
  });
}
