// Base32 TOTP secrets read and typed more reliably in groups of four; authenticator apps ignore
// the spaces.
export function groupSecret(secret: string): string {
  return secret.replace(/\s/g, '').match(/.{1,4}/g)?.join(' ') ?? secret;
}
