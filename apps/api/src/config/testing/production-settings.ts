/**
 * A complete, valid production environment for tests that check what production demands:
 * each test removes or spoils one setting. Test-only values; no real secret.
 */
export const validProductionSettings = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://vetmeet:pw@db:5432/vetmeet',
  DATABASE_APP_URL: 'postgres://vetmeet_runtime:pw@db:5432/vetmeet',
  SESSION_SECRET: 'a-production-secret-of-at-least-32-characters',
  SMTP_URL: 'smtps://vetmeet:pw@mail.example:465',
  MAIL_FROM: 'Vetmeet <no-reply@vetmeet.example>',
  PUBLIC_URL: 'https://vetmeet.example',
  MASTER_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  STRIPE_SECRET_KEY: 'sk_test_production_settings_only',
  STRIPE_WEBHOOK_SECRET: 'whsec_production_settings_only',
  STRIPE_CONNECT_WEBHOOK_SECRET: 'whsec_connect_production_settings_only',
} as const;
