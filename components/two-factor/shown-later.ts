"use client";

import { lazy } from "react";

// Parts of the account forms that appear only after a button (docs/architecture.md, "What the
// browser loads"): the recovery codes once an action returns them, and the QR code with its form
// once "Set up two-factor authentication" has made a secret. Each loads when first rendered; a
// page that renders it at once (a reload in the middle of a set-up) shows the server's HTML while
// it loads. Render them inside <Suspense>.

export const RecoveryCodes = lazy(() =>
  import("./recovery-codes").then((module) => ({ default: module.RecoveryCodes })),
);

export const EnableForm = lazy(() =>
  import("./enable-form").then((module) => ({ default: module.EnableForm })),
);
