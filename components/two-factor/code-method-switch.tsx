"use client";

import { useEffect, useRef } from "react";
import type { FactorMethod } from "@/lib/two-factor/factor-instructions";

export type CodeMethod = FactorMethod;

/** The switch's two labels, translated by the server (`fieldWords`). */
export type CodeMethodSwitchWords = { useRecoveryCode: string; useAuthenticationCode: string };

/**
 * Switches a second-factor form between the authentication code and a recovery code, and moves
 * focus to the field it shows (`fieldIds`: each method's field).
 */
export function CodeMethodSwitch({
  method,
  onChange,
  fieldIds,
  words,
}: {
  method: CodeMethod;
  onChange: (method: CodeMethod) => void;
  fieldIds: Record<CodeMethod, string>;
  words: CodeMethodSwitchWords;
}) {
  const shown = useRef(method);
  useEffect(() => {
    if (shown.current === method) return;
    shown.current = method;
    document.getElementById(fieldIds[method])?.focus();
  }, [method, fieldIds]);
  return (
    <button
      type="button"
      className="text-sm font-medium text-indigo-700 underline"
      onClick={() => onChange(method === "code" ? "recovery" : "code")}
    >
      {method === "code" ? words.useRecoveryCode : words.useAuthenticationCode}
    </button>
  );
}
