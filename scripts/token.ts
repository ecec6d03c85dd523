import { repoRoot } from '@doorloop/config';
import { resolveDataDir } from './lib/data-dir';
import { LocalTokenError, readIssuerRuntime, requestLocalToken, runtimeFile } from './lib/local-issuer-runtime';

const USAGE = 'Usage: npm run token -- <username>   (prints an access token of the local OIDC issuer for that user)';

/**
 * `npm run token -- <username>`: an access token for a user of the users table, from the token endpoint of the local
 * issuer that npm start runs (found through DATA_DIR/oidc-issuer.json). Explanations go to stderr; the token alone is
 * the last line on stdout, so `$(npm run -s token -- coordinator)` is the token.
 */
async function main(): Promise<void> {
  const [username, ...rest] = process.argv.slice(2);
  if (!username || rest.length > 0 || username.startsWith('-')) throw new LocalTokenError(USAGE);
  const dataDir = resolveDataDir(process.env.DATA_DIR, repoRoot());
  const runtime = await readIssuerRuntime(dataDir);
  const external = process.env.OIDC_ISSUER;
  if (external && external !== runtime?.issuer) {
    throw new LocalTokenError(
      `OIDC_ISSUER is ${external}: npm run token gets tokens from the local issuer of npm start only. ` +
        'Get a token from that issuer with its own tools (e.g. a Keycloak client with direct access grants).',
    );
  }
  if (!runtime) {
    throw new LocalTokenError(
      `No local OIDC issuer is running (${runtimeFile(dataDir)} is missing): start one with npm start and try again.`,
    );
  }
  const { accessToken, expiresIn } = await requestLocalToken(runtime, username);
  process.stderr.write(
    `Access token for ${username} from ${runtime.issuer}, valid for ${Math.round(expiresIn / 60)} minutes:\n`,
  );
  process.stdout.write(`${accessToken}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof LocalTokenError ? error.message : String(error)}\n`);
  process.exit(1);
});
