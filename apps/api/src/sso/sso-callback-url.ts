import type { AppConfig } from '../config/app-config';
import { MailSettings } from '../mail/mail-settings';

export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';

/** Where a clinic's provider sends the browser back: what admins register at the provider. */
export function ssoCallbackUrl(config: AppConfig): string {
  return `${MailSettings.of(config).publicUrl}${SSO_CALLBACK_PATH}`;
}
