import "server-only";
import { randomBytes } from "node:crypto";
import { getConfig } from "@/lib/config/env";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { db } from "@/lib/db/client";
import { storedFailure } from "@/lib/failures/stored-failure";

// A queued body that carries a link (a reset link, later a "This wasn't me" link) is a credential
// until the link expires: it is sealed with the data-encryption key, as TOTP secrets are, with the
// message's id and the part as associated data, so a sealed body moved to another row or part
// does not open (docs/rules.md, rules 11 and 25). Only the sender opens it, and it is deleted once
// sent or once its link expires, sent or not.

/** The "Last error" of a message that failed for reasons of its own, not the server's. */
export const LINK_EXPIRED = storedFailure({ code: "link_expired_unsent" });
export const BODY_UNREADABLE = storedFailure({ code: "body_unreadable" });

/** Rows per statement of the sweep: small enough never to hold a long lock. */
export const SWEEP_BATCH_SIZE = 500;

export type BodyPart = "text" | "html";

const associatedData = (messageId: string, part: BodyPart) => `outbox-body:${messageId}:${part}`;

/** An id for a message that is sealed before it is written (its seal names it). */
export function newMessageId(): string {
  return `m${randomBytes(16).toString("base64url")}`;
}

export function sealLinkBody(body: string, messageId: string, part: BodyPart): string {
  return encryptSecret(body, getConfig().encryptionKey, associatedData(messageId, part));
}

/** Throws `DecryptionError` when no configured key opens it, or it belongs to another message. */
export function openLinkBody(stored: string, messageId: string, part: BodyPart): string {
  return decryptSecret(stored, getConfig().encryptionKeys, associatedData(messageId, part));
}

/** What a row's bodies say, opened when sealed. */
export function openBodies(message: {
  id: string;
  carriesLink: boolean;
  textBody: string | null;
  htmlBody: string | null;
}): { text: string | null; html: string | null } {
  if (!message.carriesLink) return { text: message.textBody, html: message.htmlBody };
  return {
    text: message.textBody === null ? null : openLinkBody(message.textBody, message.id, "text"),
    html: message.htmlBody === null ? null : openLinkBody(message.htmlBody, message.id, "html"),
  };
}

/** The columns that delete a link-bearing body. */
export const NO_BODY = { textBody: null, htmlBody: null, bodyExpiresAt: null } as const;

/**
 * Deletes every body whose link has expired at `now`, a batch of rows per statement, and fails
 * the messages among them still waiting to go out: an expired link is never sent. For the
 * server's scheduled sweep (and each pass of the sender). Returns how many bodies it deleted.
 */
export async function deleteExpiredLinkBodies(
  now: Date,
  { batchSize = SWEEP_BATCH_SIZE }: { batchSize?: number } = {},
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await db.outboxMessage.findMany({
      where: { bodyExpiresAt: { lte: now } },
      select: { id: true },
      take: batchSize,
    });
    if (rows.length === 0) return deleted;
    const ids = rows.map((row) => row.id);
    const expired = { id: { in: ids }, bodyExpiresAt: { lte: now } };
    // A message being delivered right now keeps its lease: if the server takes it, its sender
    // marks it sent (the body is gone either way).
    const failed = await db.outboxMessage.updateMany({
      where: { ...expired, status: "QUEUED" },
      data: { ...NO_BODY, status: "FAILED", lastError: LINK_EXPIRED },
    });
    const rest = await db.outboxMessage.updateMany({ where: expired, data: NO_BODY });
    deleted += failed.count + rest.count;
    if (rows.length < batchSize) return deleted;
  }
}
