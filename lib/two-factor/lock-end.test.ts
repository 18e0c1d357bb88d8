import { describe, expect, it } from "vitest";
import { catalogues } from "@/words/catalogue";
import { fillIn, lockEnd } from "./lock-end";

const { lockedUntil, lockedUntilDay } = catalogues.en.login.verify;

/** The sentence /login/verify shows, in English. */
function sentence(until: Date, now: Date, timeZone?: string) {
  const { when, day } = lockEnd(until, now, "en", timeZone);
  return day ? fillIn(lockedUntilDay, { when, day }) : fillIn(lockedUntil, { when });
}

describe("lockEnd", () => {
  const now = new Date("2030-01-01T12:00:00Z");

  it("names the time the lock ends, in UTC on the server", () => {
    expect(sentence(new Date("2030-01-01T12:15:00Z"), now)).toBe(
      "Verification is locked until 12:15 UTC.",
    );
  });

  it("adds the date when the lock ends on another day", () => {
    expect(sentence(new Date("2030-01-02T11:00:00Z"), now)).toBe(
      "Verification is locked until 11:00 UTC on 2 Jan 2030.",
    );
  });

  it("writes the person's own time zone when the browser knows it", () => {
    expect(sentence(new Date("2030-01-01T12:15:00Z"), now, "Europe/Berlin")).toBe(
      "Verification is locked until 13:15 CET.",
    );
  });

  it("writes the date in the page's language", () => {
    const { day } = lockEnd(new Date("2030-01-02T11:00:00Z"), now, "de");
    expect(day).toBe("02.01.2030");
  });
});
