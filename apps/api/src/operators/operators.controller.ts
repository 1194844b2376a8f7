import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GrantOperatorRequest, type PlatformOperatorView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { PlatformOperatorRoute } from '../auth/public.decorator';
import { OperatorsService, type OperatorGrant } from './operators.service';

/** The platform's operators, granted and revoked by an operator in the console. */
@ApiTags('operator')
@PlatformOperatorRoute()
@Controller('operator/operators')
export class OperatorsController {
  constructor(private readonly operators: OperatorsService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<PlatformOperatorView[]> {
    return this.operators.list(actor);
  }

  @Post()
  @HttpCode(200)
  grant(@CurrentActor() actor: Actor, @Body() body: GrantOperatorRequest): Promise<OperatorGrant> {
    return this.operators.grant(body.email, actor);
  }

  @Delete(':userId')
  @HttpCode(204)
  revoke(@CurrentActor() actor: Actor, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    return this.operators.revoke(actor, userId);
  }
}
