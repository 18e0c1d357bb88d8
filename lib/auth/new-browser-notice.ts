import "server-only";
import { randomBytes } from "node:crypto";
import { keyedHash } from "@/lib/crypto/keyed-hash";
import type { Prisma } from "@/lib/db/generated/client";
import { newRowId } from "@/lib/db/row-id";
import { letterLocale } from "@/lib/email/email-words";
import { composeNewSignInEmail, notMeLink } from "@/lib/email/new-sign-in-email";
import { queueEmail } from "@/lib/email/outbox";

// The new-browser notice and its "This wasn't me" link (docs/rules.md, rule 35). Queued by
// sign-in-rows.ts in the write that completes a sign-in opened by a browser the account did not
// know; the link is used by lib/sign-in/not-me.ts.

export const NOT_ME_LINK_LIFETIME_MS = 7 * 24 * 60 * 60_000;

// 32 bytes in base64url: 43 characters. Anything else is no token of ours and is never looked up.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function notMeTokenHash(token: string): string {
  return keyedHash("not-me", token);
}

/** A token from a URL, or null when it cannot be one of ours. */
export function readNotMeToken(input: unknown): string | null {
  return typeof input === "string" && TOKEN_PATTERN.test(input) ? input : null;
}

/** The browser, as far as a server sees one without its cookies: its address and user agent. */
function browserKey(clientAddress: string | null, userAgent: string | null) {
  return keyedHash("not-me-browser", `${clientAddress ?? ""}\n${userAgent ?? ""}`);
}

export type NoticeTx = Pick<
  Prisma.TransactionClient,
  "$executeRaw" | "$queryRaw" | "outboxMessage"
>;

export type CompletedSignIn = {
  id: string;
  userId: string;
  clientAddress: string | null;
  userAgent: string | null;
};

/**
 * Queues the notice for a sign-in that just completed, in the caller's transaction. At most one
 * per account, browser and UTC day: the token's insert is the claim (a unique key, so of
 * concurrent sign-ins one writes it, on both engines), and the notice goes only with it.
 */
export async function queueNewBrowserNotice(tx: NoticeTx, signIn: CompletedSignIn, now: Date) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + NOT_ME_LINK_LIFETIME_MS);
  const inserted = await tx.$executeRaw`
    INSERT INTO "NotMeToken" ("id", "userId", "signInId", "tokenHash", "browserKey", "day",
      "createdAt", "expiresAt")
    VALUES (${newRowId(now.getTime())}, ${signIn.userId}, ${signIn.id}, ${notMeTokenHash(token)},
      ${browserKey(signIn.clientAddress, signIn.userAgent)}, ${now.toISOString().slice(0, 10)},
      ${now}, ${expiresAt})
    ON CONFLICT ("userId", "browserKey", "day") DO NOTHING`;
  if (inserted !== 1) return;
  // The recipient and the letterhead in one raw statement, as the transaction sees them: this runs
  // in the step-2 transaction of every sign-in from a new browser (docs/architecture.md, "Reads per
  // request").
  const rows = await tx.$queryRaw<
    {
      email: string;
      name: string;
      language: string | null;
      companyName: string | null;
      defaultLanguage: string | null;
    }[]
  >`
    SELECT u."email", u."name", u."language",
      (SELECT "companyName" FROM "Settings" WHERE "id" = 1) AS "companyName",
      (SELECT "defaultLanguage" FROM "Settings" WHERE "id" = 1) AS "defaultLanguage"
    FROM "User" u WHERE u."id" = ${signIn.userId}`;
  const user = rows[0];
  if (!user) return;
  const letterhead = {
    instanceName: user.companyName ?? "AppMail",
    defaultLanguage: user.defaultLanguage,
  };
  const email = composeNewSignInEmail(
    { user, clientAddress: signIn.clientAddress, userAgent: signIn.userAgent, at: now },
    notMeLink(token),
    letterhead.instanceName,
    letterLocale(letterhead, user.language),
  );
  await queueEmail(tx, email, now, { linkExpiresAt: expiresAt });
}
