import { randomBytes } from "node:crypto";
import { NextResponse } from "next/server";

export function GET() {
  const csrfToken = randomBytes(32).toString("hex");
  const response = NextResponse.json({ csrfToken });
  response.cookies.set("floor-csrf", csrfToken, { httpOnly: true, sameSite: "lax", path: "/" });
  return response;
}
