import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ownerDataSourceOptions } from '../database/data-source-options';
import { DatabaseContext } from '../database/database-context';
import { OperatorsService } from './operators.service';

/**
 * OperatorsService on the schema owner's connection, for who holds it (the shell command, a
 * development seed): the only way to grant the first operator, since the runtime role cannot
 * write platform_operators itself. The same service, audit events and checks as the console.
 */
export async function withSchemaOwnerOperators<T>(ownerUrl: string, work: (operators: OperatorsService) => Promise<T>) {
  const dataSource = new DataSource(ownerDataSourceOptions(ownerUrl));
  await dataSource.initialize();
  try {
    const db = new DatabaseContext(dataSource);
    return await work(new OperatorsService(db, new AuditService(db)));
  } finally {
    await dataSource.destroy();
  }
}
