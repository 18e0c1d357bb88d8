"use client";

import {
  PasskeyAddressNotice,
  useWrongPasskeyAddress,
  type PasskeyAddressWords,
} from "./passkey-address";

/**
 * A passkey prompt's button, with its refusal announced above it (/login and /login/verify). At
 * another address than the relying party's (`origin`), the button is disabled and says where
 * passkeys work.
 */
export function PasskeyButton({
  label,
  onClick,
  pending,
  error,
  origin,
  addressWords,
}: {
  label: string;
  onClick: () => void;
  pending: boolean;
  error: string | null;
} & (
  | { origin?: undefined; addressWords?: undefined }
  /** With `origin`, the notice at another address in the page's language (`passkeyAddressWords`). */
  | { origin: string; addressWords: PasskeyAddressWords }
)) {
  const wrongAddress = useWrongPasskeyAddress(origin ?? "");
  if (origin && addressWords && wrongAddress) {
    return (
      <div className="space-y-3">
        <PasskeyAddressNotice origin={origin} id="passkey-address" words={addressWords} />
        <button
          type="button"
          disabled
          aria-describedby="passkey-address"
          className="inline-flex min-h-11 w-full items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold opacity-60"
        >
          {label}
        </button>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <div aria-live="assertive">
        {error ? (
          <p
            role="alert"
            className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {error}
          </p>
        ) : null}
      </div>
      <button
        type="button"
        onClick={onClick}
        aria-disabled={pending}
        className="inline-flex min-h-11 w-full items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold shadow-sm hover:bg-slate-100 aria-disabled:opacity-70"
      >
        {label}
      </button>
    </div>
  );
}
