import { describe, expect, it } from "vitest";
import { safeReturnPath, withReturnPath } from "./return-path";

// docs/rules.md, rule 30: a sign-in returns to the page first asked for only when it is a path of
// this app, in the signed-in person's own area.
describe("safeReturnPath", () => {
  it.each([
    ["/backend/audit", "ADMIN", "/backend/audit"],
    ["/backend", "ADMIN", "/backend"],
    ["/backend/users?q=ann&page=2", "ADMIN", "/backend/users?q=ann&page=2"],
    ["/customer/account", "CUSTOMER", "/customer/account"],
    ["/customer", "CUSTOMER", "/customer"],
    ["/backend/./audit", "ADMIN", "/backend/audit"],
  ])("returns %j to an account of role %s as %j", (raw, role, path) => {
    expect(safeReturnPath(raw, role)).toBe(path);
  });

  it.each([
    "//evil.example",
    "//evil.example/backend",
    "///evil.example",
    "https://evil.example",
    "https://evil.example/backend/audit",
    "http:/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%2Fevil.example",
    "%5C%5Cevil.example",
    "/backend/..//evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "javascript%3Aalert(1)",
    "data:text/html,hi",
    " /backend/audit",
    "/backend/audit\n",
    "/backend/%0a",
    "/%09/evil.example",
    "/backend/%E0%A4%A",
    "",
    "/",
    "/login",
    "/login/verify",
    "/api/auth/signout",
    "/setup",
    "/backendx",
    "backend/audit",
    "/backend/" + "a".repeat(3000),
  ])("refuses %j: the sign-in goes to the dashboard", (raw) => {
    expect(safeReturnPath(raw, "ADMIN")).toBeNull();
    expect(safeReturnPath(raw)).toBeNull();
  });

  it.each([undefined, null, 42, ["/backend"], { path: "/backend" }])(
    "refuses a non-string %j",
    (raw) => {
      expect(safeReturnPath(raw)).toBeNull();
    },
  );

  it("never sends an account into the other audience's area", () => {
    expect(safeReturnPath("/backend/audit", "CUSTOMER")).toBeNull();
    expect(safeReturnPath("/customer/account", "ADMIN")).toBeNull();
    expect(safeReturnPath("/customer/../backend/audit", "CUSTOMER")).toBeNull();
    expect(safeReturnPath("/customer/%2e%2e/backend/audit", "CUSTOMER")).toBeNull();
    expect(safeReturnPath("/backend/audit", "SOMETHING_ELSE")).toBeNull();
  });

  it("without a role, takes a path of either area (what /login carries on)", () => {
    expect(safeReturnPath("/backend/audit")).toBe("/backend/audit");
    expect(safeReturnPath("/customer/account")).toBe("/customer/account");
  });
});

describe("withReturnPath", () => {
  it("carries a safe path as ?next=, encoded", () => {
    expect(withReturnPath("/login/verify", "/backend/users?q=a&b")).toBe(
      "/login/verify?next=%2Fbackend%2Fusers%3Fq%3Da%26b",
    );
    expect(withReturnPath("/backend?x=1", "/backend/audit")).toBe(
      "/backend?x=1&next=%2Fbackend%2Faudit",
    );
  });

  it("drops an unsafe or missing one", () => {
    expect(withReturnPath("/login/verify", "//evil.example")).toBe("/login/verify");
    expect(withReturnPath("/login/verify", undefined)).toBe("/login/verify");
  });
});
