import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { openTotpSecret } from "./secret-store";
import { normalizeCode, verifyTotpCode } from "./totp";

export type TotpState = { totpSecret: string | null; totpLastStep: number | null };

/**
 * Checks a code against the account's confirmed secret without using it up: the time-step it
 * matched, or null. A code whose step was already used is refused.
 */
export async function checkTotpCode(
  userId: string,
  input: unknown,
  now: Date,
): Promise<number | null> {
  if (!normalizeCode(input)) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { totpSecret: true, totpLastStep: true },
  });
  return user ? checkTotpCodeAgainst(userId, user, input, now) : null;
}

/**
 * checkTotpCode against a state this request has just read (step 2 reads it with its
 * reservation). Using the step stays the conditional write that makes a code single use.
 */
export async function checkTotpCodeAgainst(
  userId: string,
  user: TotpState,
  input: unknown,
  now: Date,
): Promise<number | null> {
  const code = normalizeCode(input);
  if (!code || !user.totpSecret) return null;
  const result = await verifyTotpCode({
    secret: openTotpSecret(user.totpSecret, userId),
    code,
    now,
    afterTimeStep: user.totpLastStep,
  });
  return result.ok ? result.timeStep : null;
}

/**
 * Uses up a time-step with one conditional update, so of many concurrent submissions of one code
 * exactly one wins, on any database (docs/rules.md, rule 3). `endFailures`: the same write ends
 * the account's run of failed codes (a sign-in's step 2, a reset's second factor). `client`: a
 * transaction to write in. Raw, because every sign-in's step 2 makes it (docs/architecture.md,
 * "Reads per request").
 */
export async function claimTimeStep(
  userId: string,
  timeStep: number,
  {
    endFailures = false,
    client = db,
  }: { endFailures?: boolean; client?: Pick<typeof db, "$executeRaw"> } = {},
): Promise<boolean> {
  const endRun = endFailures ? Prisma.sql`, "failedCodes" = 0` : Prisma.empty;
  const claimed = await client.$executeRaw`
    UPDATE "User" SET "totpLastStep" = ${timeStep}${endRun}, "updatedAt" = ${new Date()}
    WHERE "id" = ${userId} AND "totpSecret" IS NOT NULL
      AND ("totpLastStep" IS NULL OR "totpLastStep" < ${timeStep})`;
  return claimed === 1;
}

/** Checks a code against the account's confirmed secret and uses up its time-step. */
export async function consumeTotpCode(userId: string, input: unknown, now: Date) {
  const timeStep = await checkTotpCode(userId, input, now);
  return timeStep !== null && (await claimTimeStep(userId, timeStep));
}
