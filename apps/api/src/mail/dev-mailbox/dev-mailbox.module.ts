import { Module, type DynamicModule } from '@nestjs/common';
import { DevMailbox } from './dev-mailbox';
import { DevMailboxController } from './dev-mailbox.controller';

/**
 * Serves the mailbox that main.ts's development SMTP server fills (startDevMailbox).
 * AppModule imports it only when that mailbox runs, which config validation never lets
 * happen in production: there the routes do not exist at all.
 */
@Module({})
export class DevMailboxModule {
  static forRoot(mailbox: DevMailbox): DynamicModule {
    return { module: DevMailboxModule, controllers: [DevMailboxController], providers: [{ provide: DevMailbox, useValue: mailbox }] };
  }
}
