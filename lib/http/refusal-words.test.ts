import { describe, expect, it } from "vitest";
import { refusalWords } from "./refusal-words";

// What server.ts and the proxy answer before Next.js reads a request: the language its
// Accept-Language prefers among ours, else English (no session is read there).
describe("refusalWords", () => {
  it("says the refusal in the language the browser asks for", () => {
    expect(refusalWords("request_too_large", "de-CH,de;q=0.9,en;q=0.5")).toBe(
      "Die Anfrage ist zu groß.",
    );
    expect(refusalWords("form_unreadable", "fr-FR")).toBe(
      "Le formulaire n’a pas pu être lu. Rechargez la page et réessayez.",
    );
    expect(refusalWords("address_unreadable", ["es-MX", "es;q=0.8"])).toBe(
      "No se ha podido leer la dirección.",
    );
  });

  it("stays English for English, for a language we do not have, and without the header", () => {
    for (const header of ["en-GB", "ja-JP", "", undefined, null, "*;q=0.1, garbage;;"]) {
      expect(refusalWords("request_too_large", header)).toBe("The request is too large.");
    }
  });
});
