import { describe, expect, it } from "vitest";
import { recoveryCodesFileName, recoveryCodesText } from "./recovery-codes-file";

describe("the recovery codes file", () => {
  it("starts with the instance, the account, the date and that each code works once", () => {
    const text = recoveryCodesText(
      ["aaaa-bbbb", "cccc-dddd"],
      {
        instance: "Acme Mail",
        locale: "en",
        head: [
          "Acme Mail recovery codes",
          "Instance: Acme Mail{address}",
          "Account: ann@example.com",
          "Generated: {date}",
          "Each code works once. Generating new codes replaces all of these.",
        ],
        printed: "Recovery codes for ann@example.com, made {date}",
      },
      new Date("2026-12-07T19:32:10Z"),
      "https://mail.acme.test",
    );
    const lines = text.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "Acme Mail recovery codes",
      "Instance: Acme Mail (https://mail.acme.test)",
      "Account: ann@example.com",
      "Generated: 7 Dec 2026, 19:32 UTC",
      "Each code works once. Generating new codes replaces all of these.",
    ]);
    expect(lines.slice(6)).toEqual(["aaaa-bbbb", "cccc-dddd", ""]);
  });

  it("writes the date in the sheet's language, and no address when there is none", () => {
    const sheet = {
      instance: "Acme",
      locale: "de",
      head: ["Erstellt: {date}", "Instanz: Acme{address}"],
      printed: "",
    };
    const text = recoveryCodesText(["a"], sheet, new Date("2026-12-07T19:32:10Z"), null);
    expect(text.split("\n").slice(0, 2)).toEqual([
      "Erstellt: 7. Dez. 2026, 19:32 UTC",
      "Instanz: Acme",
    ]);
  });

  it("names the file after the instance", () => {
    expect(recoveryCodesFileName("AppMail")).toBe("appmail-recovery-codes.txt");
    expect(recoveryCodesFileName("Acme Corp. (EU)")).toBe("acme-corp-eu-recovery-codes.txt");
    expect(recoveryCodesFileName("日本")).toBe("appmail-recovery-codes.txt");
    expect(recoveryCodesFileName("../../etc")).toBe("etc-recovery-codes.txt");
  });
});
