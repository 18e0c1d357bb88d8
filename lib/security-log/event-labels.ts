import type { AuditEventType } from "@/lib/audit/audit";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/audit";
import { phrase, type Words } from "./phrase";

/**
 * What the security log calls a stored event type: its message `events.<type>` of the
 * `securityLog` catalogue, which names every type (lib/security-log/event-labels.test.ts), so the
 * log never falls back to a machine name; a type this version does not know is shown as stored.
 */
export function auditEventLabel(type: string): Words {
  return (AUDIT_EVENT_TYPES as readonly string[]).includes(type)
    ? phrase(`events.${type as AuditEventType}`)
    : type;
}
