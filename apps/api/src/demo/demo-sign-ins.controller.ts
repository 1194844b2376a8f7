import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { DemoSignInsView } from '@vetmeet/contracts';
import { Public } from '../auth/public.decorator';
import { DemoSignIns } from './demo-sign-ins';

/**
 * The demo's sign-ins for the development sign-in page. Public like the development mailbox:
 * it exists only while the demo is on, which config validation never allows in production.
 */
@Public()
@ApiExcludeController()
@Controller('dev')
export class DemoSignInsController {
  constructor(private readonly signIns: DemoSignIns) {}

  @Get('demo-sign-ins')
  @Header('Cache-Control', 'no-store')
  list(): DemoSignInsView {
    return { accounts: this.signIns.list() };
  }
}

/**
 * Without the demo (production, DEMO_DATA=off, tests) the same route answers an empty list: the
 * sign-in page asks on every load, and a 404 there would be a console error on a public page,
 * as a 401 would be for the session. It names no account and reads nothing.
 */
@Public()
@ApiExcludeController()
@Controller('dev')
export class NoDemoSignInsController {
  @Get('demo-sign-ins')
  @Header('Cache-Control', 'no-store')
  list(): DemoSignInsView {
    return { accounts: [] };
  }
}
