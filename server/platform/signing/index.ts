import { createHash } from "node:crypto";

/**
 * What an e-signature binds: the SHA-256 (hex) of the exact text the signer was shown, as UTF-8. Modules keep it
 * beside the typed name, the account and the instant; a later reader hashes the stored text again to show whether
 * it still reads the same. Shared by the partnership plan and the resource family attestations.
 */
export function signedTextSha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
