import { generate } from "otplib";

/**
 * An authenticator app for the browser tests, one per enrolled account.
 *
 * The server accepts the code of its current 30-second step and one step either side, and each
 * step at most once per account (a step at or before the last accepted one is refused). The tests
 * cannot wait for the clock, so this tracks the last step each account used and hands out the
 * code of the smallest later step that the server still accepts: [now - 1, now + 1]. The step
 * before the current one is skipped in the last seconds of the current step, when it could fall
 * out of the window before the server checks it. Scenarios are planned with a fresh account each
 * and at most two codes per account, so a usable step always exists.
 */

export const PERIOD_SECONDS = 30;
/** Keep this many seconds between handing out the previous step's code and its expiry. */
const SAFETY_SECONDS = 5;

export function currentStep(at = Date.now()): number {
  return Math.floor(at / 1000 / PERIOD_SECONDS);
}

/** The code an authenticator app shows during `step`. */
export async function codeForStep(secret: string, step: number): Promise<string> {
  return generate({
    secret,
    epoch: step * PERIOD_SECONDS,
    algorithm: "sha1",
    digits: 6,
    period: PERIOD_SECONDS,
  });
}

/** The secret behind a "Setup key" as shown on the page (groups of 4 separated by spaces). */
export function secretFromSetupKey(setupKey: string): string {
  return setupKey.replace(/\s+/g, "").toUpperCase();
}

export class Authenticator {
  /** The last time-step the server accepted (or may have accepted) for this account. */
  private lastStep: number | null = null;

  constructor(readonly secret: string) {}

  /** The smallest usable step after the last used one, or null when none is left right now. */
  nextStep(at = Date.now()): number | null {
    const now = currentStep(at);
    const secondsLeftInStep = PERIOD_SECONDS - ((at / 1000) % PERIOD_SECONDS);
    const earliest = secondsLeftInStep > SAFETY_SECONDS ? now - 1 : now;
    const candidate = Math.max(earliest, (this.lastStep ?? -Infinity) + 1);
    return candidate <= now + 1 ? candidate : null;
  }

  /** The code for the next usable step, without marking it used (for a submission meant to fail). */
  async peek(): Promise<string> {
    const step = this.nextStep();
    if (step === null) throw new Error(this.exhausted());
    return codeForStep(this.secret, step);
  }

  /**
   * The code for the next usable step, marked as used: call it right before the submission that
   * the server should accept. A refused submission still counts, so the step is never reused.
   */
  async code(): Promise<string> {
    const step = this.nextStep();
    if (step === null) throw new Error(this.exhausted());
    this.lastStep = step;
    return codeForStep(this.secret, step);
  }

  /** Marks every step up to `step` used (e.g. a code submitted elsewhere). */
  markUsed(step: number): void {
    this.lastStep = Math.max(this.lastStep ?? -Infinity, step);
  }

  /** The code of a step already used: the server must refuse it as a replay. */
  async codeOfLastUsedStep(): Promise<string> {
    if (this.lastStep === null) throw new Error("No step has been used yet.");
    return codeForStep(this.secret, this.lastStep);
  }

  /**
   * Six digits that are no code of this secret anywhere near now (two steps either side), so
   * the server is certain to refuse them.
   */
  async wrongCode(): Promise<string> {
    const now = currentStep();
    const valid = new Set(
      await Promise.all([-2, -1, 0, 1, 2].map((offset) => codeForStep(this.secret, now + offset))),
    );
    for (const candidate of ["000000", "111111", "222222", "333333", "444444", "555555"]) {
      if (!valid.has(candidate)) return candidate;
    }
    throw new Error("unreachable: six candidates cannot all be valid codes");
  }

  private exhausted(): string {
    return (
      `No unused time-step left for this account right now (last used: ${this.lastStep}, ` +
      `current: ${currentStep()}): the scenario uses too many codes in one minute.`
    );
  }
}
