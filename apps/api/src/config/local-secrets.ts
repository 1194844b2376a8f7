import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from './app-config';

/**
 * Secrets of a local (non-production) run, generated once and kept in the data folder so
 * that sessions and the embedded database survive restarts. Production never reads this
 * file: there every secret must come from the environment.
 */
export interface LocalSecrets {
  sessionSecret: string;
  embeddedPostgresPassword: string;
  /** The embedded database's runtime role (vetmeet_runtime), which cannot bypass row-level security. */
  runtimeDatabasePassword: string;
  /** MASTER_KEYS for a local run: one generated key, id "local1". */
  masterKeys: string;
}

const FILE_NAME = 'local-secrets.json';

export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const path = join(dataDir, FILE_NAME);
  const existing: Partial<LocalSecrets> = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  const secrets: LocalSecrets = {
    sessionSecret: existing.sessionSecret ?? randomBytes(32).toString('base64url'),
    embeddedPostgresPassword: existing.embeddedPostgresPassword ?? randomBytes(24).toString('base64url'),
    runtimeDatabasePassword: existing.runtimeDatabasePassword ?? randomBytes(24).toString('base64url'),
    masterKeys: existing.masterKeys ?? `local1:${randomBytes(32).toString('base64')}`,
  };
  if ((Object.keys(secrets) as (keyof LocalSecrets)[]).some((name) => existing[name] !== secrets[name])) {
    mkdirSync(dataDir, { recursive: true, mode: 0o711 });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    renameSync(temporary, path);
  }
  return secrets;
}

/**
 * Outside production, fills the secrets the environment did not give from the data folder.
 * Production configs pass through untouched: validation already demanded every secret.
 */
export function withLocalSecrets(config: AppConfig): { config: AppConfig; localSecrets?: LocalSecrets } {
  if (config.NODE_ENV === 'production') return { config };
  const localSecrets = loadOrCreateLocalSecrets(resolve(config.DATA_DIR));
  const filled = Object.assign(Object.create(AppConfig.prototype) as AppConfig, config, {
    SESSION_SECRET: config.SESSION_SECRET ?? localSecrets.sessionSecret,
    MASTER_KEYS: config.MASTER_KEYS ?? localSecrets.masterKeys,
  });
  return { config: Object.freeze(filled), localSecrets };
}
