import { Global, Module } from '@nestjs/common';
import { MasterKeyRing } from '@vetmeet/crypto';
import { AppConfig } from '../config/app-config';

/**
 * The master key ring, built once from MASTER_KEYS (validated at start). Everything that
 * stores data encrypted (attachments, TOTP secrets, chat, recordings) wraps its keys here.
 */
@Global()
@Module({
  providers: [
    {
      provide: MasterKeyRing,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.MASTER_KEYS) throw new Error('MASTER_KEYS is missing: withLocalSecrets() or the environment must provide it');
        return MasterKeyRing.fromConfig(config.MASTER_KEYS);
      },
    },
  ],
  exports: [MasterKeyRing],
})
export class EncryptionModule {}
