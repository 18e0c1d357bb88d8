// Passkeys in the browser specs: Chromium's DevTools virtual authenticator (TOOLCHAIN.md,
// "Passkeys"), and the "Passkeys" section of the account pages.
import { expect, type CDPSession, type Locator, type Page } from "@playwright/test";

export type VirtualCredential = {
  credentialId: string;
  isResidentCredential: boolean;
  rpId: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
};

/** A platform authenticator with user verification, answering every prompt by itself. */
export class VirtualAuthenticator {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly id: string,
  ) {}

  static async on(page: Page): Promise<VirtualAuthenticator> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable", { enableUI: false });
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return new VirtualAuthenticator(cdp, authenticatorId);
  }

  async credentials(): Promise<VirtualCredential[]> {
    const { credentials } = await this.cdp.send("WebAuthn.getCredentials", {
      authenticatorId: this.id,
    });
    return credentials as VirtualCredential[];
  }

  /** Puts a copy of a credential (a clone) on this authenticator. */
  async add(credential: VirtualCredential): Promise<void> {
    await this.cdp.send("WebAuthn.addCredential", { authenticatorId: this.id, credential });
  }

  /** Takes one credential off this authenticator, as if it were made on another device. */
  async remove(credentialId: string): Promise<void> {
    await this.cdp.send("WebAuthn.removeCredential", { authenticatorId: this.id, credentialId });
  }

  async setUserVerified(isUserVerified: boolean): Promise<void> {
    await this.cdp.send("WebAuthn.setUserVerified", { authenticatorId: this.id, isUserVerified });
  }
}

export function passkeySection(page: Page): Locator {
  return page.getByRole("region", { name: "Passkeys", exact: true });
}

/**
 * "Add a passkey" on a page showing the section: the current password (and `code` when the
 * account has an authenticator app), an optional name, the prompt.
 */
export async function addPasskeyHere(
  page: Page,
  password: string,
  options: { code?: string; name?: string } = {},
): Promise<void> {
  const section = passkeySection(page);
  await section.getByRole("button", { name: "Add a passkey", exact: true }).click();
  await section.getByLabel("Current password", { exact: true }).fill(password);
  if (options.code !== undefined) {
    await section.getByLabel("Authentication code", { exact: true }).fill(options.code);
  }
  if (options.name !== undefined) {
    await section.getByLabel("Passkey name", { exact: true }).fill(options.name);
  }
  await section.getByRole("button", { name: "Add a passkey", exact: true }).click();
}

/**
 * /login with a passkey on the page's authenticator: "Sign in with a passkey", unless the Email
 * field's autofill request (conditional mediation), which the virtual authenticator answers by
 * itself, signed in first.
 */
export async function signInWithPasskey(page: Page): Promise<void> {
  await page.goto("/login");
  await page
    .getByRole("button", { name: "Sign in with a passkey", exact: true })
    .click({ timeout: 3_000 })
    .catch(() => undefined);
}

/** A page whose authenticator holds a copy of `credential` (optionally with another count). */
export async function authenticatorWith(
  page: Page,
  credential: VirtualCredential,
  signCount = credential.signCount,
): Promise<VirtualAuthenticator> {
  const authenticator = await VirtualAuthenticator.on(page);
  await authenticator.add({ ...credential, signCount });
  return authenticator;
}

/** Posts JSON to a passkey route handler as the page's browser would (same origin, cookies). */
export async function postPasskeyRoute(
  page: Page,
  baseURL: string,
  path: string,
  data: unknown,
  origin = baseURL,
) {
  return page.request.post(`${baseURL}${path}`, {
    headers: { "content-type": "application/json", origin },
    data: typeof data === "string" ? data : JSON.stringify(data),
  });
}

/** The list item of one passkey in the section. */
export function passkeyItem(page: Page, name: string): Locator {
  return passkeySection(page)
    .getByRole("listitem")
    .filter({ has: page.getByText(name, { exact: true }) });
}

export async function expectPasskeyListed(page: Page, name: string): Promise<void> {
  await expect(passkeyItem(page, name)).toContainText("Added");
}

/**
 * Makes the page's passkey registrations report `aaguid` as their authenticator's model, as a
 * real one names itself (Chromium's virtual authenticator has no setting for it). The AAGUID is
 * in the authenticator data inside the attestation object; with "none" attestation nothing signs
 * it, so changing its 16 bytes in both places is what another authenticator model would send.
 */
export async function reportAaguid(page: Page, aaguid: string): Promise<void> {
  await page.addInitScript((hex: string) => {
    const bytes = Uint8Array.from(hex.replace(/-/g, "").match(/../g)!, (b) => parseInt(b, 16));
    const create = navigator.credentials.create.bind(navigator.credentials);
    navigator.credentials.create = async (options) => {
      const credential = (await create(options)) as PublicKeyCredential | null;
      if (!credential) return credential;
      const response = credential.response as AuthenticatorAttestationResponse;
      const authData = new Uint8Array(response.getAuthenticatorData());
      const object = new Uint8Array(response.attestationObject).slice();
      // The authenticator data's bytes inside the CBOR attestation object.
      let at = -1;
      for (let i = 0; at < 0 && i + authData.length <= object.length; i++) {
        if (authData.every((byte, j) => object[i + j] === byte)) at = i;
      }
      if (at < 0) throw new Error("authenticator data not found in the attestation object");
      const AAGUID_OFFSET = 37; // rpIdHash (32), flags (1), signCount (4)
      object.set(bytes, at + AAGUID_OFFSET);
      const patched = authData.slice();
      patched.set(bytes, AAGUID_OFFSET);
      return {
        id: credential.id,
        rawId: credential.rawId,
        type: credential.type,
        authenticatorAttachment: credential.authenticatorAttachment,
        getClientExtensionResults: () => credential.getClientExtensionResults(),
        response: {
          clientDataJSON: response.clientDataJSON,
          attestationObject: object.buffer,
          getTransports: () => response.getTransports(),
          getAuthenticatorData: () => patched.buffer,
          getPublicKey: () => response.getPublicKey(),
          getPublicKeyAlgorithm: () => response.getPublicKeyAlgorithm(),
        },
      } as unknown as PublicKeyCredential;
    };
  }, aaguid);
}
