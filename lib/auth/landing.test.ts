import { describe, expect, it } from "vitest";
import { landingPath, rememberedLanding, rememberLanding, withLandingStore } from "./landing";

describe("landingPath", () => {
  it("sends a sign-in without a second step to its dashboard or its own return path", () => {
    expect(landingPath({ stage: "COMPLETE", role: "CUSTOMER" })).toBe("/customer");
    expect(landingPath({ stage: "COMPLETE", role: "ADMIN" }, "/backend/users?page=2")).toBe(
      "/backend/users?page=2",
    );
    expect(landingPath({ stage: "COMPLETE", role: "CUSTOMER" }, "/backend/users")).toBe(
      "/customer",
    );
    expect(landingPath({ stage: "COMPLETE", role: "CUSTOMER" }, "//evil.example")).toBe(
      "/customer",
    );
  });

  it("sends a waiting sign-in to its step, carrying the return path", () => {
    expect(landingPath({ stage: "AWAITING_CODE", role: "CUSTOMER" }, "/customer/x")).toBe(
      "/login/verify?next=%2Fcustomer%2Fx",
    );
    expect(landingPath({ stage: "AWAITING_ENROLMENT", role: "ADMIN" })).toBe("/login/enroll");
  });
});

describe("the landing store", () => {
  it("keeps a landing for the request that set it only", async () => {
    rememberLanding({ stage: "COMPLETE", role: "ADMIN" });
    expect(rememberedLanding()).toBeNull();
    const [first, second] = await Promise.all([
      withLandingStore(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        rememberLanding({ stage: "COMPLETE", role: "ADMIN" });
        return rememberedLanding();
      }),
      withLandingStore(async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return rememberedLanding();
      }),
    ]);
    expect(first).toEqual({ stage: "COMPLETE", role: "ADMIN" });
    expect(second).toBeNull();
  });
});
