import type { ExecutionContext } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import type { AppConfig } from '../config/app-config';
import { isLoopback, MetricsAccessGuard } from './metrics-access.guard';

const TOKEN = 'scraper-token-0123456789abcdef0123456789';

function requestFrom(remoteAddress: string, headers: Record<string, string> = {}): ExecutionContext {
  const request = { socket: { remoteAddress }, headers };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

const guard = (token?: string, nodeEnv: AppConfig['NODE_ENV'] = 'development') => new MetricsAccessGuard({ METRICS_TOKEN: token, NODE_ENV: nodeEnv } as AppConfig);
const refusal = (run: () => unknown) => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe(MetricsAccessGuard.name, () => {
  it('without a token, lets in a request made on this machine directly, and nobody else', () => {
    expect(refusal(() => guard().canActivate(requestFrom('127.0.0.1')))).toBe('allowed');
    expect(refusal(() => guard().canActivate(requestFrom('::1')))).toBe('allowed');
    expect(refusal(() => guard().canActivate(requestFrom('::ffff:127.0.0.1')))).toBe('allowed');
    expect(refusal(() => guard().canActivate(requestFrom('10.0.0.8')))).toBe(ErrorCode.Forbidden);
    expect(refusal(() => guard().canActivate(requestFrom('127.0.0.1', { 'x-forwarded-for': '198.51.100.2' })))).toBe(ErrorCode.Forbidden);
    expect(refusal(() => guard().canActivate(requestFrom('127.0.0.1', { forwarded: 'for=198.51.100.2' })))).toBe(ErrorCode.Forbidden);
    expect(refusal(() => guard().canActivate(requestFrom('127.0.0.1', { 'x-forwarded-proto': 'https' })))).toBe(ErrorCode.Forbidden);
    expect(refusal(() => guard().canActivate(requestFrom('127.0.0.1', { via: '1.1 nginx' })))).toBe(ErrorCode.Forbidden);
  });

  it('in production, serves nobody without a token: a proxy on this machine need not say it is one', () => {
    expect(refusal(() => guard(undefined, 'production').canActivate(requestFrom('127.0.0.1')))).toBe(ErrorCode.Forbidden);
    expect(refusal(() => guard(TOKEN, 'production').canActivate(requestFrom('127.0.0.1', { authorization: `Bearer ${TOKEN}` })))).toBe('allowed');
  });

  it('with a token, lets in whoever presents it, from anywhere, and refuses a wrong or missing one even on loopback', () => {
    expect(refusal(() => guard(TOKEN).canActivate(requestFrom('10.0.0.8', { authorization: `Bearer ${TOKEN}` })))).toBe('allowed');
    expect(refusal(() => guard(TOKEN).canActivate(requestFrom('127.0.0.1')))).toBe(ErrorCode.Unauthenticated);
    expect(refusal(() => guard(TOKEN).canActivate(requestFrom('10.0.0.8', { authorization: `Bearer ${TOKEN}x` })))).toBe(ErrorCode.Unauthenticated);
    expect(refusal(() => guard(TOKEN).canActivate(requestFrom('10.0.0.8', { authorization: TOKEN })))).toBe(ErrorCode.Unauthenticated);
    expect(refusal(() => guard(TOKEN).canActivate(requestFrom('10.0.0.8', { authorization: 'Bearer ' })))).toBe(ErrorCode.Unauthenticated);
  });

  it('tells loopback addresses from others', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '::2', '1127.0.0.1', '', undefined].some(isLoopback)).toBe(false);
  });
});
