import { z } from "zod";

// The JSON bodies of the passkey route handlers (app/api/passkeys/…), as guardedRoute reads them.
// A browser's signed answer is only shaped here (JSON text or an object, bounded); it is read
// strictly before anything is verified (./responses.ts).

const browserAnswer = z.union([z.string().max(65_536), z.record(z.string(), z.unknown())]);

/** A prompt's options ask for nothing but the caller's standing. */
export const noInput = z.object({});

export const resetOptionsInput = z.object({ token: z.string().max(512) });

export const registrationInput = z.object({
  response: browserAnswer,
  name: z.string().max(1_000).optional(),
});

export const secondStepInput = z.object({
  response: browserAnswer,
  next: z.string().max(2_048).nullish(),
});
