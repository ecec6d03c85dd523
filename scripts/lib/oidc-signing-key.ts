import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';

/** The key's file in DATA_DIR. */
export const SIGNING_KEY_FILE = 'oidc-signing-key.json';

/** A private signing key as the issuer's JWKS holds it. */
export type SigningKey = JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };

/**
 * RS256: what every OIDC relying party and resource server accepts (Keycloak and Entra ID sign with it too), so the api
 * verifies the local issuer's tokens exactly as it verifies theirs.
 */
export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

/**
 * The signing key of a development data directory: generated on the first start, read on every later one (mode 0600),
 * so tokens signed before a restart stay valid after it and the web app stays signed in.
 */
export async function developmentSigningKey(file: string, log: (line: string) => void): Promise<SigningKey> {
  if (!existsSync(file)) {
    const key = generateSigningKey();
    await writeFile(file, `${JSON.stringify(key)}\n`, { mode: 0o600, flag: 'wx' });
    log(`OIDC signing key generated in ${file} (development only).`);
    return key;
  }
  if (((await stat(file)).mode & 0o077) !== 0) {
    await chmod(file, 0o600);
    log(`Restricted ${file} to its owner (mode 0600).`);
  }
  const key = JSON.parse(await readFile(file, 'utf8')) as Partial<SigningKey>;
  if (key.kty !== 'RSA' || !key.d || !key.kid) {
    throw new Error(`${file} is not an RSA private key in JWK form; delete it to have a new one generated`);
  }
  return { ...key, alg: 'RS256', use: 'sig' } as SigningKey;
}
