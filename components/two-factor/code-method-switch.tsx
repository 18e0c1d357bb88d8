"use client";

export type CodeMethod = "code" | "recovery";

/** Switches a second-factor form between the authentication code and a recovery code. */
export function CodeMethodSwitch({
  method,
  onChange,
}: {
  method: CodeMethod;
  onChange: (method: CodeMethod) => void;
}) {
  return (
    <button
      type="button"
      className="text-sm font-medium text-indigo-700 underline"
      onClick={() => onChange(method === "code" ? "recovery" : "code")}
    >
      {method === "code" ? "Use a recovery code" : "Use an authentication code"}
    </button>
  );
}
