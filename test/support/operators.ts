import type { ClinicApplicationPayload } from '@vetmeet/contracts';
import { withSchemaOwnerOperators } from '../../apps/api/src/operators/schema-owner-operators';
import { registerAndSignIn, type SignedIn } from './accounts';
import { markEmailVerified } from './consultations';

export type SignedInOperator = SignedIn & { csrf: { 'X-CSRF-Token': string } };

/** A platform operator, granted as `npm run operator -- grant` does (the schema owner's OperatorsService). */
export async function signedInOperator(app: { baseUrl: string; database: { url: string } }): Promise<SignedInOperator> {
  const operator = await registerAndSignIn(app.baseUrl);
  await markEmailVerified(app.database.url, operator.session.account.id);
  await withSchemaOwnerOperators(app.database.url, (operators) => operators.grant(operator.email));
  return { ...operator, csrf: { 'X-CSRF-Token': operator.session.csrfToken } };
}

export function clinicApplication(overrides: Partial<ClinicApplicationPayload> = {}): ClinicApplicationPayload {
  return {
    name: 'Happy Paws',
    legalEntity: 'Happy Paws Veterinary LLC',
    country: 'UA',
    timeZone: 'Europe/Kyiv',
    contactName: 'Iryna Bondar',
    contactEmail: 'iryna@happypaws.example',
    contactPhone: '+380 44 123 4567',
    ...overrides,
  };
}
