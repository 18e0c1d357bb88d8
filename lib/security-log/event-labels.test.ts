import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/audit";
import { catalogues } from "@/words/catalogue";
import { translatorFor } from "@/words/translate";
import { auditEventLabel } from "./event-labels";
import { say, type SecurityLogTranslate } from "./phrase";

const english = translatorFor("en", "securityLog") as unknown as SecurityLogTranslate;

describe("audit event labels", () => {
  it("gives every event type a written label, and no label to a type that does not exist", () => {
    const labels = catalogues.en.securityLog.events;
    expect(Object.keys(labels).sort()).toEqual([...AUDIT_EVENT_TYPES].sort());
    for (const label of Object.values(labels)) {
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
    expect(say(english, auditEventLabel(type))).toBe(label);
  });

  it("shows a type this version does not know as stored", () => {
    expect(auditEventLabel("something_new")).toBe("something_new");
    expect(auditEventLabel("toString")).toBe("toString");
  });

  it("writes every event in German, French and Spanish, none as in English", () => {
    for (const locale of ["de", "fr", "es"] as const) {
      const t = translatorFor(locale, "securityLog") as unknown as SecurityLogTranslate;
      const said = AUDIT_EVENT_TYPES.map((type) => say(t, auditEventLabel(type)));
      const inEnglish = AUDIT_EVENT_TYPES.map((type) => say(english, auditEventLabel(type)));
      expect(said.filter((label, index) => label === inEnglish[index])).toEqual([]);
    }
  });
});
