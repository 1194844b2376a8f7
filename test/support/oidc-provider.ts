import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface TestIdentityAccount {
  sub: string;
  email: string;
  password: string;
  email_verified: boolean;
  /** Authentication methods the provider reports in the ID token (default: a password alone). */
  amr?: string[];
  /** Seconds this account's authorization codes stay valid (default 60). */
  codeTtlSeconds?: number;
  /** The e-mail claims only at the userinfo endpoint, not in the ID token. */
  emailOnlyAtUserinfo?: boolean;
}

export interface TestIdentityProvider {
  issuer: string;
  port: number;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

const SERVER = join(__dirname, 'oidc-provider', 'provider-server.mjs');

/**
 * A real OpenID Connect provider (npm oidc-provider) in a child process on loopback, with one
 * confidential client whose redirect URI is the app's callback. `issuer` makes it claim to be
 * another issuer than its own address (an impostor for discovery).
 */
export async function startIdentityProvider(options: {
  redirectUri: string;
  accounts: TestIdentityAccount[];
  issuer?: string;
  codeTtlSeconds?: number;
}): Promise<TestIdentityProvider> {
  const clientId = 'vetmeet-test';
  const clientSecret = 'test-client-secret-that-is-long-enough';
  const settings = {
    issuer: options.issuer,
    accounts: options.accounts,
    codeTtlSeconds: options.codeTtlSeconds,
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
  };
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    env: { ...process.env, OIDC_TEST_SETTINGS: JSON.stringify(settings), NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the test identity provider exited (${code}): ${errors}`)));
  });
  const { issuer, port } = JSON.parse(first) as { issuer: string; port: number };
  return {
    issuer,
    port,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
