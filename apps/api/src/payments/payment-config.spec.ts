import { loadConfig } from '../config/load-config';
import { configProblems } from '../config/testing/config-problems';
import { validProductionSettings } from '../config/testing/production-settings';
import { LocalTestPaymentGateway } from './local-test-payment-gateway';
import { paymentGatewayFor } from './payments.module';
import { StripeGateway } from './stripe-gateway';

const { STRIPE_SECRET_KEY: _key, STRIPE_WEBHOOK_SECRET: _secret, ...productionWithoutStripe } = validProductionSettings;
const silent = { log: jest.fn(), warn: jest.fn() } as never;

describe('payment settings', () => {
  it('refuses production without STRIPE_SECRET_KEY: the local test payment mode never runs there', () => {
    expect(configProblems(productionWithoutStripe)).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY: .*required in production/)]);
  });

  it('demands the webhook signing secret with the secret key, and never echoes either', () => {
    const problems = configProblems({ STRIPE_SECRET_KEY: 'sk_test_0123456789abcdef' });
    expect(problems).toEqual([expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: .*required with STRIPE_SECRET_KEY/)]);
    const bad = configProblems({ STRIPE_SECRET_KEY: 'pk_test_0123456789abcdef', STRIPE_WEBHOOK_SECRET: 'not-a-whsec-value' }).join('\n');
    expect(bad).toMatch(/STRIPE_SECRET_KEY: /);
    expect(bad).toMatch(/STRIPE_WEBHOOK_SECRET: /);
    expect(bad).not.toContain('pk_test_0123456789abcdef');
    expect(bad).not.toContain('not-a-whsec-value');
  });

  it('accepts a Stripe stand-in URL outside production only', () => {
    expect(configProblems({ STRIPE_API_URL: 'http://127.0.0.1:12111' })).toEqual([]);
    expect(configProblems({ STRIPE_API_URL: 'ftp://stripe.test' })).toEqual([expect.stringMatching(/^STRIPE_API_URL: /)]);
    expect(configProblems({ ...validProductionSettings, STRIPE_API_URL: 'http://127.0.0.1:12111' })).toEqual([expect.stringMatching(/^STRIPE_API_URL: must not be set in production/)]);
  });

  it('runs the local test payment mode without a key, and says so once', () => {
    const logger = { log: jest.fn(), warn: jest.fn() };
    expect(paymentGatewayFor(loadConfig({}), {} as never, logger as never)).toBeInstanceOf(LocalTestPaymentGateway);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain('LOCAL TEST PAYMENTS: no money moves');
  });

  it('uses Stripe when a key is set', () => {
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_0123456789abcdef', STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdef', STRIPE_PUBLISHABLE_KEY: 'pk_test_0123456789abcdef' });
    expect(paymentGatewayFor(config, {} as never, silent)).toBeInstanceOf(StripeGateway);
  });
});
