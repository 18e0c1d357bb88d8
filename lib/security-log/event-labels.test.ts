import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/audit";
import { AUDIT_EVENT_LABELS, auditEventLabel } from "./event-labels";

describe("audit event labels", () => {
  it("gives every event type a written label, and no label to a type that does not exist", () => {
    expect(Object.keys(AUDIT_EVENT_LABELS).sort()).toEqual([...AUDIT_EVENT_TYPES].sort());
    for (const label of Object.values(AUDIT_EVENT_LABELS)) {
      expect(label).toMatch(/^[A-Z][a-z-]*( [a-z-]+)*$/);
      expect(label).not.toContain("_");
    }
  });

  it.each([
    ["two_factor_enabled", "Two-factor enabled"],
    ["sign_ins_ended", "Sign-ins ended"],
    ["sign_in_succeeded", "Sign-in succeeded"],
    ["settings_changed", "Settings changed"],
  ])("writes %s as %s", (type, label) => {
    expect(auditEventLabel(type)).toBe(label);
  });

  it("shows a type this version does not know as stored", () => {
    expect(auditEventLabel("something_new")).toBe("something_new");
    expect(auditEventLabel("toString")).toBe("toString");
  });
});
