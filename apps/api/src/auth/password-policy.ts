import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@vetmeet/contracts';

/**
 * Passwords people pick first and attackers try first. Length (12+) already rules out most
 * of the breached-password lists; these catch the long ones that are still guessed at once.
 */
const COMMON_PASSWORDS = new Set([
  'password1234', 'password12345', 'password123456', 'passwordpassword', 'qwertyuiop123', 'qwertyuiopasdf',
  '123456789012', '1234567890123', '12345678901234', '111111111111', '000000000000', 'iloveyou1234',
  'letmein12345', 'welcome12345', 'administrator', 'abcdefghijkl', 'abc123abc123', 'qwerty123456',
  'changeme1234', 'football1234', 'monkey123456', 'dragon123456', 'sunshine1234', 'princess1234',
  'vetmeet12345', 'veterinarian', 'mydogisthebest', 'ilovemydog123', 'ilovemycat123',
]);

export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'repetitive' | 'contains-email';

/** Returns why a password is not good enough, or null when it is. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'too-long';
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) return 'common';
  // "aaaaaaaaaaaa", "abababababab", "123412341234": few distinct characters are few guesses.
  if (new Set(lowered).size < 5) return 'repetitive';
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 4 && lowered.includes(localPart)) return 'contains-email';
  return null;
}
