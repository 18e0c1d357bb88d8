// A passkey authenticator in software for the integration tests: it makes a credential (ES256,
// "none" attestation) and signs assertions over any challenge, origin and counter it is given,
// so that a test can play the honest browser, a replay, a clone or a forger.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest();
const b64url = (data: Buffer | Uint8Array) => Buffer.from(data).toString("base64url");

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

function counterBytes(counter: number) {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  /** The AAGUID its registrations carry (all zeros: an authenticator that does not say). */
  aaguid = "00000000-0000-0000-0000-000000000000";
  private readonly privateKey: KeyObject;
  private readonly cosePublicKey: Uint8Array;

  constructor(
    readonly rpId = "localhost",
    readonly origin = "http://localhost:3000",
  ) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    this.cosePublicKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
  }

  get id() {
    return b64url(this.credentialId);
  }

  /** The browser's answer to registration options with this challenge. */
  register(challenge: string, options: { credentialId?: Buffer } = {}) {
    const credentialId = options.credentialId ?? this.credentialId;
    const length = Buffer.alloc(2);
    length.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      sha256(this.rpId),
      Buffer.from([UP | UV | AT]),
      counterBytes(0),
      Buffer.from(this.aaguid.replace(/-/g, ""), "hex"),
      length,
      credentialId,
      Buffer.from(this.cosePublicKey),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, never> | Uint8Array>([
        ["fmt", "none"],
        ["attStmt", new Map<string, never>()],
        ["authData", new Uint8Array(authData)],
      ]),
    );
    const clientDataJSON = JSON.stringify({
      type: "webauthn.create",
      challenge,
      origin: this.origin,
      crossOrigin: false,
    });
    return {
      id: b64url(credentialId),
      rawId: b64url(credentialId),
      type: "public-key",
      response: {
        clientDataJSON: b64url(Buffer.from(clientDataJSON)),
        attestationObject: b64url(attestationObject),
        transports: ["internal"],
      },
      clientExtensionResults: {},
    };
  }

  /** An assertion over `challenge` with `counter`; `origin` and `verified` may be forged. */
  assert(
    challenge: string,
    counter: number,
    options: { origin?: string; verified?: boolean; credentialId?: string } = {},
  ) {
    const authData = Buffer.concat([
      sha256(this.rpId),
      Buffer.from([options.verified === false ? UP : UP | UV]),
      counterBytes(counter),
    ]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: "webauthn.get",
        challenge,
        origin: options.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
    const signature = sign(
      "sha256",
      Buffer.concat([authData, sha256(clientDataJSON)]),
      this.privateKey,
    );
    const id = options.credentialId ?? this.id;
    return {
      id,
      rawId: id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
      },
      clientExtensionResults: {},
    };
  }
}
