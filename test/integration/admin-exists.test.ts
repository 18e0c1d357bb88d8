// Whether an admin exists (/login and / send to /setup until one does) is remembered per process
// once it is true (docs/architecture.md, "Reads per request"). Two module instances of
// lib/users/users.ts stand for two app instances on one database.
import { afterAll, describe, expect, it, vi } from "vitest";
import { said, saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { CONTEXT, PASSWORD, createAccount } = await import("../support/db-accounts");

async function instance() {
  vi.resetModules();
  return import("@/lib/users/users");
}

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

describe("adminExists across instances", () => {
  it("sees the first admin another instance created on its next call, and stays true", async () => {
    const first = await instance();
    const second = await instance();
    expect(first).not.toBe(second);
    await createAccount("CUSTOMER");
    expect(await first.adminExists()).toBe(false);
    expect(await second.adminExists()).toBe(false);

    const created = await second.createFirstAdmin(
      { name: "Ada", email: "ada@example.com", password: PASSWORD },
      CONTEXT,
    );
    expect(created).toMatchObject({ ok: true });
    expect(await first.adminExists()).toBe(true);
    expect(await second.adminExists()).toBe(true);

    // The instance that had seen no admin refuses a second set-up as the one that made it does.
    const again = await first.createFirstAdmin(
      { name: "Eve", email: "eve@example.com", password: PASSWORD },
      CONTEXT,
    );
    expect(said(again)).toEqual({ ok: false, message: "Setup is already done." });
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });

  it("stays true however the admins are edited: the last active one can be neither demoted nor deactivated", async () => {
    const ada = await db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    const editAccount = saying((await import("@/lib/users/edit-account")).editAccount);
    const deactivateAccount = saying((await import("@/lib/users/deactivation")).deactivateAccount);
    const actor = { id: ada.id, email: ada.email };
    expect(
      await editAccount(
        { userId: ada.id, name: ada.name, email: ada.email, role: "CUSTOMER" },
        actor,
        CONTEXT,
      ),
    ).toMatchObject({ ok: false, field: "role" });
    expect(await deactivateAccount(ada.id, actor, CONTEXT)).toMatchObject({ ok: false });
    const fresh = await instance();
    expect(await fresh.adminExists()).toBe(true);
    expect(await db.user.count({ where: { role: "ADMIN", deactivatedAt: null } })).toBe(1);
  });
});
