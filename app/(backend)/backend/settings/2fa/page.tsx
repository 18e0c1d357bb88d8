import { requireRole } from "@/lib/auth/session";
import { readSettingsForEditing, twoFactorSettingsValues } from "@/lib/settings/settings";
import { TwoFactorSettingsForm } from "./settings-form";

export const metadata = { title: "Two-factor authentication settings" };

export default async function TwoFactorSettingsPage() {
  await requireRole("ADMIN");
  const { settings, version } = await readSettingsForEditing();
  return (
    <>
      <h1 className="text-2xl font-semibold">Two-factor authentication</h1>
      <p className="max-w-xl text-slate-700">
        Every account has its own secret, so changing these settings never invalidates a code.
        Account holders enrol from their account page by scanning a QR code.
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <TwoFactorSettingsForm stored={twoFactorSettingsValues(settings, version)} />
      </div>
    </>
  );
}
