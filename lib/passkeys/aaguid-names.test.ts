import { describe, expect, it } from "vitest";
import { namesFrom } from "@/scripts/refresh-aaguids";
import aaguidNames from "./aaguid-names.json";
import { authenticatorName, newPasskeyName } from "./names";

// The list of passkey providers by AAGUID (PRODUCT.md, "Passkey names"): a file in the repository
// with its source and licence named, refreshed by scripts/refresh-aaguids.ts.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

describe("the AAGUID list", () => {
  it("names its source, licence and date, and holds only lowercase UUIDs with a name each", () => {
    expect(aaguidNames.source).toContain(
      "github.com/passkeydeveloper/passkey-authenticator-aaguids",
    );
    expect(aaguidNames.licence).toMatch(/MIT/);
    expect(aaguidNames.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}/);
    const entries = Object.entries(aaguidNames.names);
    expect(entries.length).toBeGreaterThan(20);
    for (const [id, name] of entries) {
      expect(id).toMatch(UUID);
      expect(typeof name).toBe("string");
      expect(name.trim()).toBe(name);
      expect(name.length).toBeGreaterThan(0);
    }
  });

  it("names the well-known providers", () => {
    expect(authenticatorName("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4")).toBe(
      "Google Password Manager",
    );
    expect(authenticatorName("08987058-CADC-4B81-B6E1-30DE50DCBE96")).toBe("Windows Hello");
    expect(authenticatorName("bada5566-a7aa-401f-bd96-45619a55120d")).toBe("1Password");
    expect(authenticatorName("00000000-0000-0000-0000-000000000000")).toBeNull();
    expect(authenticatorName("toString")).toBeNull();
    expect(authenticatorName(undefined)).toBeNull();
  });

  it("names a new passkey after its authenticator, else its browser; a typed name wins", () => {
    const windows = "08987058-cadc-4b81-b6e1-30de50dcbe96";
    expect(newPasskeyName("", CHROME_LINUX, [], windows)).toBe("Windows Hello");
    expect(newPasskeyName("", CHROME_LINUX, ["Windows Hello"], windows)).toBe("Windows Hello 2");
    expect(newPasskeyName("", CHROME_LINUX, [], "00000000-0000-0000-0000-000000000000")).toBe(
      "Chrome on Linux",
    );
    expect(newPasskeyName("Desk", CHROME_LINUX, [], windows)).toBe("Desk");
  });

  it("the refresh keeps id → name only, drops what is not a UUID, and refuses an empty list", () => {
    expect(
      namesFrom({
        "B6D2A2B2-0000-4000-8000-000000000001": { name: " Key ", icon_dark: "data:…" },
        "not-a-uuid": { name: "Nope" },
        "b6d2a2b2-0000-4000-8000-000000000002": { name: "" },
      }),
    ).toEqual({ "b6d2a2b2-0000-4000-8000-000000000001": "Key" });
    expect(() => namesFrom({})).toThrow(/empty/);
  });
});
