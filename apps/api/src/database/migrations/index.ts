import { EnablePostgresExtensions1763900000000 } from './1763900000000-EnablePostgresExtensions';

/** Every migration, oldest first. A migration is added here when it is generated. */
export const migrations = [EnablePostgresExtensions1763900000000];
