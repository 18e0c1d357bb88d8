import { describe, expect, it } from "vitest";
import { newRowId } from "./row-id";

describe("newRowId", () => {
  it("sorts by creation, within one millisecond and across them", () => {
    const ids = [
      newRowId(1_800_000_000_000),
      newRowId(1_800_000_000_000),
      newRowId(1_800_000_000_000),
      newRowId(1_800_000_000_001),
      newRowId(1_800_000_000_250),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("never sorts before an earlier id when the clock goes back", () => {
    const before = newRowId(1_900_000_000_500);
    const after = newRowId(1_900_000_000_100);
    expect(after > before).toBe(true);
  });

  it("is 29 characters of lower-case letters and digits, starting with c", () => {
    expect(newRowId(1_900_000_001_000)).toMatch(/^c[0-9a-z]{28}$/);
  });
});
