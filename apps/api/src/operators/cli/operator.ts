/**
 * `npm run operator -- grant person@example.org` (or `revoke`): makes an account a platform
 * operator, or ends it, from the shell. For the first operator, whom nobody can grant in the
 * console; later ones are granted there. Connects as the schema owner (DATABASE_URL, or the
 * embedded PostgreSQL of DATA_DIR) and is audited like the console (operator.grant, operator.revoke).
 * Exit 0 done, 1 refused (no such account, the last operator), 2 error.
 */
import 'reflect-metadata';
import { isEmail } from 'class-validator';
import { AppError } from '../../common/errors/app-error';
import { loadConfig } from '../../config/load-config';
import { connectAsSchemaOwner } from '../../database/cli/schema-owner-connection';
import { withSchemaOwnerOperators } from '../schema-owner-operators';

const USAGE = 'usage: npm run operator -- grant|revoke person@example.org';

async function main(argv: string[]): Promise<number> {
  const [command, email] = argv;
  if ((command !== 'grant' && command !== 'revoke') || !email || !isEmail(email)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const connection = await connectAsSchemaOwner(loadConfig(process.env));
  try {
    return await withSchemaOwnerOperators(connection.url, async (operators) => {
      try {
        if (command === 'grant') {
          const outcome = await operators.grant(email);
          const said = outcome.granted ? 'is now a platform operator' : 'was a platform operator already';
          process.stdout.write(`${email} ${said}\n`);
        } else {
          await operators.revokeByEmail(email);
          process.stdout.write(`${email} is no longer a platform operator\n`);
        }
        return 0;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        process.stderr.write(`refused (${error.code}): ${error.message}\n`);
        return 1;
      }
    });
  } finally {
    await connection.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`the operator command failed to run: ${reason}\n`);
    process.exit(2);
  },
);
