import { describeBrowser } from "@/lib/format/browser-description";
import { auditDetailsInWords } from "./event-details";
import { auditEventLabel } from "./event-labels";

// One security-log row as the page shows it: words, not stored values (docs/architecture.md,
// "The security log").

/** What the command line records as its address and user agent (cli/commands.ts). */
const COMMAND_LINE = { clientAddress: "local", userAgent: "appmail-cli" };

export type StoredAuditEvent = {
  type: string;
  actorEmail: string | null;
  subjectEmail: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  details: string | null;
};

export type AuditEntryView = {
  /** The account the event is about, or who acted when it is about no account. */
  who: string;
  /** Who acted on that account, when someone else did: "by admin@example.com". */
  by: string | null;
  event: string;
  /** "Chrome on Linux"; the whole user agent is `userAgent`. */
  browser: string;
  userAgent: string | null;
  details: string[];
};

export function auditEntryView(event: StoredAuditEvent): AuditEntryView {
  const fromCommandLine = event.clientAddress === COMMAND_LINE.clientAddress && !event.actorEmail;
  const subject = event.subjectEmail;
  const actor = event.actorEmail;
  let who: string;
  let by: string | null = null;
  if (subject) {
    who = subject;
    if (actor && actor !== subject) by = `by ${actor}`;
    else if (fromCommandLine) by = "by the command line";
  } else {
    who = actor ?? (fromCommandLine ? "The command line" : "No account");
  }
  const browser =
    event.userAgent === COMMAND_LINE.userAgent
      ? "Command line"
      : event.userAgent
        ? describeBrowser(event.userAgent)
        : "—";
  return {
    who,
    by,
    event: auditEventLabel(event.type),
    browser,
    userAgent: event.userAgent,
    details: auditDetailsInWords(event.type, event.details),
  };
}
