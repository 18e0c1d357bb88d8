import { describe, expect, it } from "vitest";
import { formatDateTime, formatFullDateTime } from "./date-time";

describe("formatDateTime", () => {
  it("writes day, short month, year, 24-hour time and the zone", () => {
    expect(formatDateTime(new Date("2026-12-07T19:32:45Z"))).toBe("7 Dec 2026, 19:32 UTC");
  });

  it("writes the moment in UTC whatever the server's zone", () => {
    expect(formatDateTime(new Date("2026-01-01T00:05:00+02:00"))).toBe("31 Dec 2025, 22:05 UTC");
  });
});

describe("formatDateTime in each language", () => {
  it("writes the month and order of the language, always with the zone", () => {
    const moment = new Date("2026-12-07T19:32:45Z");
    expect(formatDateTime(moment, "de")).toBe("7. Dez. 2026, 19:32 UTC");
    expect(formatDateTime(moment, "fr")).toBe("7 déc. 2026, 19:32 UTC");
    expect(formatDateTime(moment, "es")).toBe("7 dic 2026, 19:32 UTC");
  });
});

describe("formatFullDateTime, the e-mails' long form", () => {
  it("writes the weekday and month out in each language, 24-hour, with the zone", () => {
    const moment = new Date("2030-03-05T21:05:00Z");
    expect(formatFullDateTime(moment)).toBe("Tuesday, 5 March 2030 at 21:05 UTC");
    expect(formatFullDateTime(moment, "de")).toBe("Dienstag, 5. März 2030 um 21:05 UTC");
    expect(formatFullDateTime(moment, "fr")).toBe("mardi 5 mars 2030 à 21:05 UTC");
    expect(formatFullDateTime(moment, "es")).toBe("martes, 5 de marzo de 2030, 21:05 UTC");
  });
});
