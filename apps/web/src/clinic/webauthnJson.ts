/**
 * The server's WebAuthn JSON shapes (the subset of WebAuthn's JSON forms the server uses), in their
 * own module so that api.ts and passkey.ts both use them without importing each other.
 * // ref: W3C Web Authentication Level 3, §5.1 PublicKeyCredential (toJSON shapes), §5.4 options
 */
export interface CredentialDescriptorJSON {
  readonly id: string;
  readonly type?: 'public-key';
  readonly transports?: readonly string[];
}
export interface CreationOptionsJSON {
  readonly challenge: string;
  readonly rp: { readonly name: string; readonly id?: string };
  readonly user: { readonly id: string; readonly name: string; readonly displayName: string };
  readonly pubKeyCredParams: ReadonlyArray<{ readonly alg: number; readonly type: 'public-key' }>;
  readonly timeout?: number;
  readonly excludeCredentials?: readonly CredentialDescriptorJSON[];
  readonly authenticatorSelection?: AuthenticatorSelectionCriteria;
  readonly attestation?: AttestationConveyancePreference;
  readonly extensions?: Record<string, unknown>;
}
export interface RequestOptionsJSON {
  readonly challenge: string;
  readonly rpId?: string;
  readonly timeout?: number;
  readonly allowCredentials?: readonly CredentialDescriptorJSON[];
  readonly userVerification?: UserVerificationRequirement;
  readonly extensions?: Record<string, unknown>;
}
/** What the server's verify routes accept (`CREDENTIAL_RESPONSE` in apps/server/src/routes/auth.ts). */
export interface CredentialJSON {
  readonly id: string;
  readonly rawId: string;
  readonly type: 'public-key';
  readonly authenticatorAttachment?: 'platform' | 'cross-platform';
  readonly clientExtensionResults: Record<string, unknown>;
  readonly response: {
    readonly clientDataJSON: string;
    readonly attestationObject?: string;
    readonly authenticatorData?: string;
    readonly signature?: string;
    readonly userHandle?: string;
    readonly publicKey?: string;
    readonly publicKeyAlgorithm?: number;
    readonly transports?: string[];
  };
}

