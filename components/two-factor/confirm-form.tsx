import { useRef, type ReactNode } from "react";
import { closeOnEscape, useFocusOnOpen } from "@/components/ui/confirmation-focus";
import { FormMessage } from "@/components/ui/form-message";
import type { PanelState } from "./actions";

const BORDER = { normal: "border-slate-200", danger: "border-red-200" };

/**
 * A change to enabled 2FA (or a passkey's removal), opened from a button: what it does, its
 * confirmation and Cancel. Focus lands on its first field as it opens; Escape cancels. The
 * opener gives focus back to its button with `useReturnFocus`.
 */
export function ConfirmForm({
  action,
  state,
  explanation,
  messageId,
  submit,
  tone = "normal",
  onCancel,
  cancel,
  children,
}: {
  action: (formData: FormData) => void;
  state: PanelState;
  explanation: string;
  /** The id of its alert, which the fields it is about point at (`fieldError`). */
  messageId: string;
  submit: ReactNode;
  tone?: keyof typeof BORDER;
  onCancel: () => void;
  /** "Cancel", in the page's language. */
  cancel: string;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  useFocusOnOpen(form);
  return (
    <form
      ref={form}
      action={action}
      onKeyDown={closeOnEscape(onCancel)}
      className={`max-w-sm space-y-3 rounded-md border ${BORDER[tone]} p-4`}
      noValidate
    >
      <p className="text-sm text-slate-700">{explanation}</p>
      <FormMessage state={state} id={messageId} />
      {children}
      <div className="flex flex-wrap gap-2">
        {submit}
        <button type="button" onClick={onCancel} className="min-h-11 px-3 text-sm underline">
          {cancel}
        </button>
      </div>
    </form>
  );
}
