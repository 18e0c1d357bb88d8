import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// session.ts creates the process's database client (and reads or generates the data folder's
// secrets) when imported; point it at a scratch folder so this unit test touches nothing real.
// The decisions tested here never query the database.
const scratch = mkdtempSync(path.join(os.tmpdir(), "appmail-session-unit-"));
process.env.APPMAIL_DATA_DIR = scratch;
delete process.env.DATABASE_URL;
const { evaluateSignIn, homeFor } = await import("./session");

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const NOW = new Date("2030-01-01T12:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

const user = {
  id: "user-1",
  name: "Ann",
  email: "ann@example.com",
  role: "CUSTOMER",
  sessionVersion: 3,
  totpEnabledAt: null,
  twoFactorRequiredAt: null,
  createdAt: minutes(-1000),
  language: null,
};

type Row = NonNullable<Parameters<typeof evaluateSignIn>[0]>;
const row = (changes: Partial<Row> = {}): Row => ({
  id: "sign-in-1",
  stage: "COMPLETE",
  sessionVersion: 3,
  endedAt: null,
  expiresAt: minutes(60),
  user,
  ...changes,
});

describe("evaluateSignIn", () => {
  it("a complete sign-in counts, with its stage and account", () => {
    expect(evaluateSignIn(row(), NOW)).toEqual({ signInId: "sign-in-1", stage: "COMPLETE", user });
  });

  it("a pending sign-in within its 10 minutes awaits its code; so is one waiting for enrolment", () => {
    expect(
      evaluateSignIn(row({ stage: "AWAITING_CODE", expiresAt: minutes(10) }), minutes(9.99)),
    ).toMatchObject({
      stage: "AWAITING_CODE",
    });
    expect(
      evaluateSignIn(row({ stage: "AWAITING_ENROLMENT", expiresAt: minutes(10) }), NOW),
    ).toMatchObject({
      stage: "AWAITING_ENROLMENT",
    });
  });

  it("no row is no session", () => {
    expect(evaluateSignIn(null, NOW)).toBeNull();
  });

  it("an ended sign-in is no session, even before it expires", () => {
    expect(evaluateSignIn(row({ endedAt: minutes(-1) }), NOW)).toBeNull();
    expect(evaluateSignIn(row({ stage: "AWAITING_CODE", endedAt: minutes(-1) }), NOW)).toBeNull();
  });

  it("an expired sign-in is no session, from the moment it expires", () => {
    expect(evaluateSignIn(row({ expiresAt: NOW }), NOW)).toBeNull();
    expect(evaluateSignIn(row({ expiresAt: minutes(-1) }), NOW)).toBeNull();
    expect(
      evaluateSignIn(row({ stage: "AWAITING_CODE", expiresAt: minutes(10) }), minutes(10)),
    ).toBeNull();
    expect(evaluateSignIn(row({ expiresAt: new Date(NOW.getTime() + 1) }), NOW)).not.toBeNull();
  });

  it("a sign-in from before the account's session version moved on is no session", () => {
    expect(evaluateSignIn(row({ sessionVersion: 2 }), NOW)).toBeNull();
    expect(evaluateSignIn(row({ sessionVersion: 4 }), NOW)).toBeNull();
  });

  it("an unknown stage is no session", () => {
    for (const stage of ["", "complete", "ADMIN", "AWAITING_CODE ", "__proto__"]) {
      expect(evaluateSignIn(row({ stage }), NOW), stage).toBeNull();
    }
  });
});

describe("homeFor", () => {
  const session = (stage: "AWAITING_CODE" | "AWAITING_ENROLMENT" | "COMPLETE", role: string) => ({
    signInId: "s",
    stage,
    user: { ...user, role },
  });

  it("sends unfinished sign-ins to their step and complete ones to their area", () => {
    expect(homeFor(session("AWAITING_CODE", "ADMIN"))).toBe("/login/verify");
    expect(homeFor(session("AWAITING_ENROLMENT", "CUSTOMER"))).toBe("/login/enroll");
    expect(homeFor(session("COMPLETE", "ADMIN"))).toBe("/backend");
    expect(homeFor(session("COMPLETE", "CUSTOMER"))).toBe("/customer");
    expect(homeFor(session("COMPLETE", "SUPERUSER"))).toBe("/login");
  });

  it("carries the page first asked for through the steps and returns there only within the account's area", () => {
    const next = "/backend/audit";
    expect(homeFor(session("AWAITING_CODE", "ADMIN"), next)).toBe(
      "/login/verify?next=%2Fbackend%2Faudit",
    );
    expect(homeFor(session("AWAITING_ENROLMENT", "ADMIN"), next)).toBe(
      "/login/enroll?next=%2Fbackend%2Faudit",
    );
    expect(homeFor(session("COMPLETE", "ADMIN"), next)).toBe("/backend/audit");
    // A customer sent to the backend lands on their own dashboard, and so does any other origin.
    expect(homeFor(session("COMPLETE", "CUSTOMER"), next)).toBe("/customer");
    expect(homeFor(session("COMPLETE", "ADMIN"), "//evil.example")).toBe("/backend");
    expect(homeFor(session("AWAITING_CODE", "ADMIN"), "https://evil.example")).toBe(
      "/login/verify",
    );
  });

  it("importing the helper did not open a database", () => {
    expect(readdirSync(scratch).filter((name) => name.endsWith(".db"))).toEqual([]);
  });
});
