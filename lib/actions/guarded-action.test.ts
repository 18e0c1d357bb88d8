import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentSession } from "@/lib/auth/session";
import type { FormState } from "@/lib/forms/form-state";

// The builder's decisions, with the session and Next's navigation stubbed: a redirect or a 403
// surfaces as the error Next.js would throw, so a refused caller never reaches the handler.
const current = vi.hoisted(() => ({ session: null as CurrentSession | null, locale: "en" }));
// The request's language, as next-intl's request configuration (i18n/request.ts) would choose it.
vi.mock("next-intl/server", () => ({ getLocale: async () => current.locale }));
vi.mock("@/lib/auth/session", () => ({
  getSession: async () => current.session,
  homeFor: (session: CurrentSession) =>
    session.stage === "AWAITING_CODE"
      ? "/login/verify"
      : session.stage === "AWAITING_ENROLMENT"
        ? "/login/enroll"
        : "/home",
}));
vi.mock("@/lib/http/request-context", () => ({
  requestContext: async () => ({ clientAddress: "192.0.2.1", userAgent: "test" }),
}));
vi.mock("next/navigation", () => {
  class NavigationError extends Error {}
  return {
    redirect: (to: string) => {
      throw new NavigationError(`redirect:${to}`);
    },
    forbidden: () => {
      throw new NavigationError("forbidden");
    },
    unstable_rethrow: (error: unknown) => {
      if (error instanceof NavigationError) throw error;
    },
  };
});

const { guardedAction, isGuardedAction } = await import("./guarded-action");
const { failedState } = await import("@/lib/forms/form-state");
const { failure } = await import("@/lib/failures/failure");
const { hint } = await import("@/lib/failures/stored-failure");

const FORM_UNREADABLE = "The form could not be read. Reload the page and try again.";

function sessionOf(stage: CurrentSession["stage"], role = "CUSTOMER"): CurrentSession {
  return {
    signInId: `sign-in-${stage}`,
    stage,
    user: { id: "u1", role } as CurrentSession["user"],
  };
}

function form(fields: Record<string, string | Blob>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const schema = z.object({ code: z.string().regex(/^\d{6}$/, "Enter 6 digits.") });
const calls: unknown[] = [];
const makeAction = (caller: Parameters<typeof guardedAction>[0]["caller"]) =>
  guardedAction({ caller, input: schema }, async (input, context) => {
    calls.push({ input, stage: context.session?.stage ?? null });
    return { status: "success", message: `got ${input.code}` } as FormState;
  });

beforeEach(() => {
  calls.length = 0;
  current.session = null;
  current.locale = "en";
});

describe("who may call", () => {
  const cases: [Parameters<typeof makeAction>[0], CurrentSession | null, string | null][] = [
    ["anyone", null, null],
    ["pending-code", null, "redirect:/login"],
    ["pending-code", sessionOf("AWAITING_CODE"), null],
    ["pending-code", sessionOf("COMPLETE"), "redirect:/home"],
    ["enrolling", sessionOf("AWAITING_ENROLMENT"), null],
    ["enrolling", sessionOf("COMPLETE"), null],
    ["enrolling", sessionOf("AWAITING_CODE"), "redirect:/login/verify"],
    ["signed-in", sessionOf("AWAITING_ENROLMENT"), "redirect:/login/enroll"],
    ["signed-in", sessionOf("COMPLETE"), null],
    ["admin", sessionOf("COMPLETE"), "forbidden"],
    ["admin", sessionOf("AWAITING_CODE", "ADMIN"), "redirect:/login/verify"],
    ["admin", sessionOf("COMPLETE", "ADMIN"), null],
  ];
  for (const [caller, session, refusal] of cases) {
    it(`${caller} with ${session?.stage ?? "no session"}${session ? ` ${session.user.role}` : ""}: ${refusal ?? "admitted"}`, async () => {
      current.session = session;
      const run = makeAction(caller)({ status: "idle" }, form({ code: "123456" }));
      if (refusal) {
        await expect(run).rejects.toThrow(refusal);
        expect(calls).toEqual([]);
      } else {
        await expect(run).resolves.toEqual({ status: "success", message: "got 123456" });
        expect(calls).toEqual([{ input: { code: "123456" }, stage: session?.stage ?? null }]);
      }
    });
  }
});

describe("what reaches the handler", () => {
  it("works as <form action> with the form alone", async () => {
    await expect(makeAction("anyone")(form({ code: "654321" }))).resolves.toMatchObject({
      status: "success",
    });
  });

  it("anything but a form is refused without calling the handler", async () => {
    for (const args of [[], [{ status: "idle" }, { code: "123456" }], ["123456"], [null]]) {
      const call = makeAction("anyone") as (...args: unknown[]) => Promise<FormState>;
      await expect(call(...args)).resolves.toEqual({
        status: "error",
        message: FORM_UNREADABLE,
      });
    }
    expect(calls).toEqual([]);
  });

  it("a form without fields may come as no argument, as React posts it", async () => {
    const noFields = guardedAction({ caller: "anyone", input: z.object({}) }, async () => ({
      status: "success" as const,
    }));
    const call = noFields as unknown as () => Promise<FormState>;
    await expect(call()).resolves.toEqual({ status: "success" });
  });

  it("the schema's refusal names the field; files and unknown fields are not read", async () => {
    const refused = await makeAction("anyone")(
      { status: "idle" },
      form({ code: new Blob(["123456"]), extra: "x" }),
    );
    expect(refused).toMatchObject({ status: "error", fieldErrors: { code: expect.any(String) } });
    expect(await makeAction("anyone")(form({ code: "12a456" }))).toMatchObject({
      fieldErrors: { code: "Enter 6 digits." },
    });
    expect(calls).toEqual([]);
  });

  it("an unexpected error becomes a generic message, a redirect passes through", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failing = guardedAction({ caller: "anyone", input: z.object({}) }, async () => {
      throw new Error("secret detail /work/lib/x.ts:12");
    });
    const result = await failing(form({}));
    expect(result).toEqual({ status: "error", message: "Something went wrong. Try again." });
    expect(JSON.stringify(result)).not.toContain("secret detail");
    expect(log.mock.calls.flat().join(" ")).not.toContain("secret detail");
    log.mockRestore();

    const { redirect } = await import("next/navigation");
    const redirecting = guardedAction({ caller: "anyone", input: z.object({}) }, async () =>
      redirect("/elsewhere"),
    );
    await expect(redirecting(form({}))).rejects.toThrow("redirect:/elsewhere");
  });

  it("a refusal sends back what was typed, never a password or a code (rule 29)", async () => {
    const signUp = guardedAction(
      {
        caller: "anyone",
        input: z.object({
          name: z.string(),
          password: z.string().min(12, "Too short."),
          recoveryCode: z.string().optional(),
          role: z.enum(["ADMIN", "CUSTOMER"]),
        }),
      },
      async (input): Promise<FormState> =>
        input.name === "taken"
          ? { status: "error", message: "Taken." }
          : { status: "success", values: { name: "Stored" } },
    );
    const typed = { name: "Ada", password: "tiny-pw", recoveryCode: "abcde-12345", role: "ADMIN" };
    const bySchema = await signUp({ status: "idle" }, form(typed));
    expect(bySchema).toMatchObject({ status: "error", values: { name: "Ada", role: "ADMIN" } });
    expect(JSON.stringify(bySchema)).not.toMatch(/tiny-pw|abcde/);

    const byHandler = await signUp(
      { status: "idle" },
      form({ ...typed, name: "taken", password: "long enough pw" }),
    );
    expect(byHandler.values).toEqual({ name: "taken", role: "ADMIN" });

    const saved = await signUp({ status: "idle" }, form({ ...typed, password: "long enough pw" }));
    expect(saved).toEqual({ status: "success", values: { name: "Stored" } });
  });

  it("says refusals in the request's language: the handler's failure, the schema's hints", async () => {
    const rename = guardedAction(
      {
        caller: "anyone",
        input: z.object({ name: z.string().max(5, hint("too_long", { max: 5 })) }),
      },
      async (input): Promise<FormState> =>
        failedState(failure("passkey_name_taken", { field: "name", params: { name: input.name } })),
    );
    current.locale = "de";
    expect(await rename(form({ name: "Büro" }))).toEqual({
      status: "error",
      message: "Sie haben bereits einen Passkey namens „Büro“.",
      fieldErrors: { name: "Sie haben bereits einen Passkey namens „Büro“." },
      values: { name: "Büro" },
    });
    expect(await rename(form({ name: "Laptop" }))).toMatchObject({
      message: "Prüfen Sie die markierten Felder.",
      fieldErrors: { name: "Verwenden Sie höchstens 5 Zeichen." },
    });
    current.locale = "es";
    expect(await makeAction("anyone")(form({ code: "12a456" }))).toMatchObject({
      message: "Revisa los campos marcados.",
      fieldErrors: { code: "Enter 6 digits." },
    });
    current.locale = "en";
    expect(await rename(form({ name: "Laptop" }))).toMatchObject({
      message: "Check the highlighted fields.",
      fieldErrors: { name: "Use at most 5 characters." },
    });
  });

  it("still answers a failure, in English, when the request's language cannot be read", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const intl = await import("next-intl/server");
    current.locale = "de";
    vi.spyOn(intl, "getLocale").mockRejectedValueOnce(new Error("database is down"));
    const failing = guardedAction({ caller: "anyone", input: z.object({}) }, async () => {
      throw new Error("database is down");
    });
    expect(await failing(form({}))).toEqual({
      status: "error",
      message: "Something went wrong. Try again.",
    });
    expect(log.mock.calls.flat().join(" ")).toContain("said in English");
    log.mockRestore();
  });

  it("marks what it builds, and nothing else", () => {
    expect(isGuardedAction(makeAction("anyone"))).toBe(true);
    expect(isGuardedAction(async () => undefined)).toBe(false);
  });
});
