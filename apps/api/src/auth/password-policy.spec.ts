import { passwordProblem } from './password-policy';

describe(passwordProblem.name, () => {
  const email = 'maria.k@example.com';

  it.each([
    ['short1!', 'too-short'],
    ['x'.repeat(129), 'too-long'],
    ['Password1234', 'common'],
    ['aaaaaaaaaaaaaaaa', 'repetitive'],
    ['abababababababab', 'repetitive'],
    ['maria.k-2026-pass', 'contains-email'],
  ])('refuses %s (%s)', (password, problem) => {
    expect(passwordProblem(password, email)).toBe(problem);
  });

  it.each(['correct horse battery', 'Tr0ub4dor&3-extended', 'кіт-і-пес-разом-2026'])('accepts %s', (password) => {
    expect(passwordProblem(password, email)).toBeNull();
  });
});
