import { describe, expect, it } from "vitest";
import { PASSKEY_NAME_MAX } from "./limits";
import { cleanPasskeyName, distinctPasskeyName, newPasskeyName } from "./names";

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

describe("passkey names", () => {
  it("keeps a typed name, trimmed, without control characters, cut to the limit", () => {
    expect(cleanPasskeyName("  Work\u0000 laptop\n ")).toBe("Work laptop");
    expect(cleanPasskeyName("x".repeat(200))).toHaveLength(PASSKEY_NAME_MAX);
    expect(cleanPasskeyName(42)).toBe("");
  });

  it("names an unnamed passkey after its browser, numbered when that name is taken", () => {
    expect(newPasskeyName("", CHROME_LINUX, [])).toBe("Chrome on Linux");
    expect(newPasskeyName(" ", CHROME_LINUX, ["Chrome on Linux"])).toBe("Chrome on Linux 2");
    expect(newPasskeyName(undefined, CHROME_LINUX, ["Chrome on Linux", "Chrome on Linux 2"])).toBe(
      "Chrome on Linux 3",
    );
    expect(newPasskeyName("", null, ["Passkey"])).toBe("Passkey 2");
  });

  it("keeps a typed name as typed", () => {
    expect(newPasskeyName("Phone", CHROME_LINUX, ["Phone"])).toBe("Phone");
  });

  it("stays within the limit when it numbers a long name", () => {
    const long = "y".repeat(PASSKEY_NAME_MAX);
    const distinct = distinctPasskeyName(long, [long]);
    expect(distinct).toHaveLength(PASSKEY_NAME_MAX);
    expect(distinct.endsWith(" 2")).toBe(true);
  });
});
