// Turbopack, rooted at the repository (the floor imports the app's password module), would take
// the app's proxy.ts for the floor's; this one matches no request, so the floor has none.
import { NextResponse } from "next/server";

export function proxy() {
  return NextResponse.next();
}

export const config = { matcher: "/floor-has-no-proxy" };
