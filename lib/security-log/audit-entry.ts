import { describeBrowser } from "@/lib/format/browser-description";
import { auditDetailsInWords } from "./event-details";
import { auditEventLabel } from "./event-labels";
import { phrase, type DetailLine, type Words } from "./phrase";

// One security-log row as the page shows it: messages of the `securityLog` catalogue and what was
// stored, not stored codes (docs/architecture.md, "The security log").

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
  who: Words;
  /** Who acted on that account, when someone else did: "by admin@example.com". */
  by: Words | null;
  event: Words;
  /** "Chrome on Linux"; the whole user agent is `userAgent`. */
  browser: Words;
  userAgent: string | null;
  details: DetailLine[];
};

/** `locale`: the reader's language, for the moments some details name. */
export function auditEntryView(event: StoredAuditEvent, locale = "en"): AuditEntryView {
  const fromCommandLine = event.clientAddress === COMMAND_LINE.clientAddress && !event.actorEmail;
  const subject = event.subjectEmail;
  const actor = event.actorEmail;
  let who: Words;
  let by: Words | null = null;
  if (subject) {
    who = subject;
    if (actor && actor !== subject) by = phrase("entry.by", { email: actor });
    else if (fromCommandLine) by = phrase("entry.byCommandLine");
  } else {
    who = actor ?? phrase(fromCommandLine ? "entry.commandLine" : "entry.noAccount");
  }
  const browser =
    event.userAgent === COMMAND_LINE.userAgent
      ? phrase("entry.commandLineBrowser")
      : event.userAgent
        ? describeBrowser(event.userAgent)
        : "—";
  return {
    who,
    by,
    event: auditEventLabel(event.type),
    browser,
    userAgent: event.userAgent,
    details: auditDetailsInWords(event.type, event.details, locale),
  };
}
