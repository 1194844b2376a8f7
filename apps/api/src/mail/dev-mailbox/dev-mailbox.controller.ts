import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../auth/public.decorator';
import { DevMailbox, type DevMailboxListing } from './dev-mailbox';
import { DEV_MAILBOX_CSP, renderDevMailboxPage } from './dev-mailbox.page';

/**
 * The development mailbox over HTTP: a page for people, JSON for tests and tools. Public
 * like the media loopback: it only exists in development (see DevMailboxModule).
 */
@Public()
@ApiExcludeController()
@Controller('dev')
export class DevMailboxController {
  constructor(private readonly mailbox: DevMailbox) {}

  @Get('mailbox')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DEV_MAILBOX_CSP)
  @Header('Cache-Control', 'no-store')
  page(): string {
    return renderDevMailboxPage(this.mailbox.list(), DevMailbox.CAPACITY);
  }

  @Get('mailbox.json')
  @Header('Cache-Control', 'no-store')
  listing(): DevMailboxListing {
    return { messages: this.mailbox.list() };
  }
}
