import 'reflect-metadata';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config/load-config';
import { withLocalSecrets } from './config/local-secrets';
import { resolveDatabase } from './database/database-location';
import { loggableError } from './common/errors/loggable-error';
import { createApp } from './create-app';
import { startDevMailbox, type RunningDevMailbox } from './mail/dev-mailbox/dev-smtp-server';

const logger = pino({ base: { service: 'vetmeet-api' } });

async function main(): Promise<void> {
  const { config, localSecrets } = withLocalSecrets(loadConfig(process.env));
  logger.level = config.LOG_LEVEL;
  const database = await resolveDatabase(config, localSecrets, logger);
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let devMailbox: RunningDevMailbox | undefined;

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down: closing rooms, media workers, connections and the database');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting anyway');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_SECONDS * 1000).unref();
    await app?.close();
    await devMailbox?.stop();
    await database.embedded?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));

  try {
    devMailbox = await startDevMailbox(config, logger);
    app = await createApp(devMailbox?.config ?? config, database.appUrl, devMailbox?.mailbox, { schemaOwnerUrl: database.ownerUrl });
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await devMailbox?.stop();
    await database.embedded?.stop();
    throw error;
  }
  const shownHost = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  logger.info(`Vetmeet is running at http://${shownHost}:${config.PORT} (API docs at /api/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    // A plain message, not a stack: the operator has a setting to fix.
    process.stderr.write(`${error.message}\n`);
  } else {
    logger.fatal({ err: loggableError(error) }, 'Vetmeet could not start');
  }
  process.exit(1);
});
