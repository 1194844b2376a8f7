import type { FieldProblems } from '../api/api-error';

export interface SignUpValues {
  displayName: string;
  email: string;
  password: string;
  country: string;
  timeZone: string;
  adultConfirmed: boolean;
  privacyAccepted: boolean;
}

/** The API's limits (libs/contracts account-requests), checked here first so the person hears sooner. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
const DISPLAY_NAME_MAX_LENGTH = 100;

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const PASSWORD_TOO_SHORT = `Use at least ${PASSWORD_MIN_LENGTH} characters for your password.`;
const ENTER_EMAIL = 'Enter an email address like name@example.com.';

/**
 * Field names are the API's (RegisterAccountPayload), so the server's details land on the
 * same fields; the privacy checkbox answers for `privacyPolicyVersion`.
 */
export function validateSignUp(values: SignUpValues, policyVersion: string | null): FieldProblems {
  const problems: FieldProblems = {};
  const name = values.displayName.trim();
  if (!name) problems.displayName = 'Enter your name.';
  else if (name.length > DISPLAY_NAME_MAX_LENGTH) problems.displayName = `Your name must be ${DISPLAY_NAME_MAX_LENGTH} characters or fewer.`;
  const email = values.email.trim();
  if (!email) problems.email = 'Enter your email address.';
  else if (!LOOKS_LIKE_EMAIL.test(email)) problems.email = ENTER_EMAIL;
  const passwordProblem = newPasswordProblem(values.password);
  if (passwordProblem) problems.password = passwordProblem;
  if (!values.country) problems.country = 'Choose the country you live in.';
  if (!values.timeZone) problems.timeZone = 'Choose your time zone.';
  if (!values.adultConfirmed) problems.adultConfirmed = 'Confirm that you are 18 or older.';
  if (!policyVersion) problems.privacyPolicyVersion = 'The privacy policy has not loaded yet. Wait a moment, or try loading it again.';
  else if (!values.privacyAccepted) problems.privacyPolicyVersion = 'Read and accept the privacy policy to create an account.';
  return problems;
}

/** The server's password policy says why (apps/api auth/password-policy): "password: common". */
const passwordSentences: Record<string, string> = {
  'too-short': PASSWORD_TOO_SHORT,
  'too-long': `Use at most ${PASSWORD_MAX_LENGTH} characters for your password.`,
  common: 'This password is one of the first that attackers try. Choose a less common one.',
  repetitive: 'This password repeats too few characters. Use more different ones, or a few unrelated words.',
  'contains-email': 'Do not use your email address in your password.',
};

/** What a new password must be, as the server's policy checks it; shown under every new-password field. */
export const PASSWORD_RULES_HINT = `At least ${PASSWORD_MIN_LENGTH} characters, not a common password, and not your email address. A few unrelated words make a strong password that is easy to remember.`;

/** Problems with a new password, found here (length) before the server checks the rest. */
export function newPasswordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length === 0) return 'Choose a password.';
  if (length < PASSWORD_MIN_LENGTH) return PASSWORD_TOO_SHORT;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters for your password.`;
  return undefined;
}

/** The sentence for the server's password detail ("common", "too-short", …). */
export function explainPasswordProblem(problem: string): string {
  return passwordSentences[problem] ?? (/longer/.test(problem) ? PASSWORD_TOO_SHORT : 'Choose a longer, less common password.');
}

export function explainSignUpField(field: string, problem: string): string | undefined {
  switch (field) {
    case 'password':
      return explainPasswordProblem(problem);
    case 'email':
      return ENTER_EMAIL;
    case 'displayName':
      return `Enter your name (up to ${DISPLAY_NAME_MAX_LENGTH} characters).`;
    case 'country':
      return 'Choose your country from the list.';
    case 'timeZone':
      return 'Choose a time zone from the list.';
    case 'adultConfirmed':
      return 'Confirm that you are 18 or older.';
    case 'privacyPolicyVersion':
      return 'The privacy policy changed while this page was open. Read the new version and accept it to continue.';
    default:
      return undefined;
  }
}
