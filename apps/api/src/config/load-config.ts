import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { MasterKeyRing } from '@vetmeet/crypto';
import { AppConfig } from './app-config';
import { describedSettings } from './describe.decorator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The settings the platform knows, with their descriptions (for docs and error hints). */
export const knownSettings = (): Record<string, string> => describedSettings(new AppConfig());

/**
 * Reads and validates the configuration from an environment. Throws a ConfigError that
 * names every bad variable at once, so a deployment is fixed in one round.
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const known = Object.keys(knownSettings());
  const given = Object.fromEntries(known.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
  const config = plainToInstance(AppConfig, given, { exposeDefaultValues: true });
  const problems = validateSync(config, { forbidUnknownValues: true, stopAtFirstError: true }).map((error) => describeProblem(error, given));

  if (config.MASTER_KEYS !== undefined && !problems.some((problem) => problem.startsWith('MASTER_KEYS'))) {
    try {
      MasterKeyRing.fromConfig(config.MASTER_KEYS);
    } catch (error) {
      // The parser's messages name ids and positions, never key material.
      problems.push(`MASTER_KEYS: ${error instanceof Error ? error.message : 'is not valid'}`);
    }
  }
  if (config.NODE_ENV === 'production' && config.DEV_MEDIA_LOOPBACK) {
    problems.push('DEV_MEDIA_LOOPBACK: must be false in production: the media loopback is unauthenticated');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  config.DEV_MEDIA_LOOPBACK ??= config.NODE_ENV === 'development';
  return Object.freeze(config);
}

/** One line per variable, quoting what was given (not its parsed form), except for secrets. */
function describeProblem(error: ValidationError, given: Record<string, unknown>): string {
  const [constraint = 'is not valid'] = Object.values(error.constraints ?? {});
  const raw = given[error.property];
  const shown = raw === undefined ? 'nothing' : /SECRET|PASSWORD|KEY|TOKEN/.test(error.property) ? '(hidden)' : JSON.stringify(withoutUrlPassword(raw));
  return `${error.property}: ${constraint.replace(`${error.property} `, '')} (got ${shown})`;
}

/** A URL setting (DATABASE_URL, SMTP_URL) may carry a password: never print it. */
function withoutUrlPassword(raw: unknown): unknown {
  if (typeof raw !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return raw;
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}
