import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JWK } from 'jose';
import { createLocalIssuer, type LocalIssuer } from './tokens';

export const LOCAL_ISSUER = 'https://onus.local/';
export const LOCAL_AUDIENCE = 'onus-local';

/**
 * The signing key of the local stand-in identity provider, kept in the git-ignored .onus/ folder so
 * tokens printed by one `npm start` still work after a restart. Never used outside a laptop.
 */
export async function loadOrCreateLocalIssuer(keyFile: string): Promise<LocalIssuer> {
  if (existsSync(keyFile)) {
    const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    return createLocalIssuer(LOCAL_ISSUER, LOCAL_AUDIENCE, jwk);
  }
  const issuer = await createLocalIssuer(LOCAL_ISSUER, LOCAL_AUDIENCE);
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, JSON.stringify(issuer.privateJwk), { mode: 0o600 });
  return issuer;
}
