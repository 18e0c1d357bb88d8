import { useEffect, useRef, type KeyboardEvent, type RefObject } from "react";

// The first field a confirmation asks for; with none, its confirm button (before Cancel).
const FIRST_CONTROL =
  "input:not([type='hidden']):not([disabled]), select:not([disabled]), textarea:not([disabled]), button[type='submit']";

/**
 * Keyboard and screen-reader users land in a confirmation as it opens (docs/architecture.md,
 * "Confirmations"): focus goes to its first field, or to its confirm button when it has none.
 */
export function useFocusOnOpen(container: RefObject<HTMLElement | null>) {
  useEffect(() => {
    container.current?.querySelector<HTMLElement>(FIRST_CONTROL)?.focus();
  }, [container]);
}

/** Escape closes a confirmation, as Cancel does. */
export function closeOnEscape(close: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    close();
  };
}

/**
 * Focus back on the button that opened a confirmation once it closes. `open` names the open
 * confirmation (null: none); the returned function gives each opener button its ref. A
 * confirmation that ends by succeeding usually takes its opener away, and then nothing moves.
 */
export function useReturnFocus<K extends string>(open: K | null) {
  const openers = useRef(new Map<K, HTMLButtonElement>());
  const previous = useRef(open);
  useEffect(() => {
    const closed = previous.current;
    previous.current = open;
    if (closed !== null && open === null) openers.current.get(closed)?.focus();
  }, [open]);
  return (key: K) => (button: HTMLButtonElement | null) => {
    if (button) openers.current.set(key, button);
    else openers.current.delete(key);
  };
}

/**
 * Focus on a page's first field once it is up, unless something (an error, or the visitor's own
 * click) already has it.
 */
export function useFocusOnLoad(fieldId: string) {
  useEffect(() => {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    document.getElementById(fieldId)?.focus();
  }, [fieldId]);
}
