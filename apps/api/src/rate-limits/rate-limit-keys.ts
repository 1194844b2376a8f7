import { createHmac } from 'node:crypto';

/**
 * Turns a limiter's key (an address, an e-mail, an account id) into the opaque key its store
 * keeps: an HMAC under a key derived from SESSION_SECRET, so the shared table or Redis holds no
 * personal data in clear and a leaked copy cannot be matched against a list of addresses. The
 * limiter's name is part of the MAC, so one key does not link two limiters' rows either.
 */
export class RateLimitKeys {
  private readonly macKey: Buffer;

  constructor(secret: string) {
    this.macKey = createHmac('sha256', secret).update('vetmeet:rate-limit-keys:v1').digest();
  }

  of(limiter: string, key: string): Buffer {
    return createHmac('sha256', this.macKey).update(`${limiter}\u0000${key}`, 'utf8').digest();
  }
}
