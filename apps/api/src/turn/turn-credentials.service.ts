import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { IceServerView } from '@vetmeet/contracts';
import { createHmac } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { parseTurnUrls } from './turn-urls';

interface TurnSettings {
  urls: string[];
  secret: string;
  ttlSeconds: number;
}

/** Domain separation: the opaque id and the TURN password are both HMACs under TURN_SECRET. */
const OPAQUE_ID_CONTEXT = 'vetmeet:turn-user:';
const OPAQUE_ID_BYTES = 16;

/**
 * Short-lived TURN credentials in coturn's REST-secret scheme (use-auth-secret): username
 * "<unix expiry>:<opaque id>", password base64(HMAC-SHA1(TURN_SECRET, username)). coturn
 * recomputes the password from the username, so nothing is stored and nothing is sent to it.
 */
@Injectable()
export class TurnCredentialsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TurnCredentialsService.name);
  private readonly settings: TurnSettings | undefined;

  constructor(@Inject(AppConfig) config: AppConfig) {
    // Config validation guarantees the URLs parse and the secret is present whenever TURN_URLS is.
    const urls = config.TURN_URLS === undefined ? undefined : parseTurnUrls(config.TURN_URLS);
    this.settings =
      urls && config.TURN_SECRET ? { urls, secret: config.TURN_SECRET, ttlSeconds: config.TURN_CREDENTIAL_TTL_SECONDS } : undefined;
  }

  onApplicationBootstrap(): void {
    if (this.settings) {
      this.logger.log(`TURN relay on [urls:${this.settings.urls.join(',')}], credentials valid ${this.settings.ttlSeconds}s`);
    }
  }

  /** The ICE servers for one person's transports; empty when no TURN server is configured. */
  iceServersFor(userId: string): IceServerView[] {
    if (!this.settings) return [];
    const { urls, secret, ttlSeconds } = this.settings;
    const expiresAt = Math.floor(Date.now() / 1000) + ttlSeconds;
    const username = `${expiresAt}:${opaqueIdFor(secret, userId)}`;
    return [{ urls: [...urls], username, credential: createHmac('sha1', secret).update(username).digest('base64') }];
  }
}

/**
 * The TURN server logs usernames and counts its per-user quota by them, so the id is stable
 * per person but means nothing without TURN_SECRET: an HMAC, never the user id or an e-mail.
 * base64url has no ':', the separator coturn splits the username on.
 */
function opaqueIdFor(secret: string, userId: string): string {
  return createHmac('sha256', secret)
    .update(OPAQUE_ID_CONTEXT + userId)
    .digest()
    .subarray(0, OPAQUE_ID_BYTES)
    .toString('base64url');
}
