import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditEventsQuery, AuditExportQuery, type AuditEventPage } from '@vetmeet/contracts';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CurrentActor, type Actor } from '../auth/actor';
import { AuditLogService } from './audit-log.service';

@ApiTags('audit')
@Controller('clinics/:clinicId/audit-events')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  page(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Query() query: AuditEventsQuery): Promise<AuditEventPage> {
    return this.auditLog.page(actor, clinicId, query.before, query.limit);
  }

  @Get('export')
  async export(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Query() query: AuditExportQuery, @Res() response: Response): Promise<void> {
    const lines = this.auditLog.export(actor, clinicId, query);
    // Pull the first line before answering, so an access refusal is an ordinary error response.
    const first = await lines.next();
    response.status(200).type('application/x-ndjson').setHeader('Content-Disposition', `attachment; filename="audit-${clinicId}.ndjson"`);
    response.setHeader('Cache-Control', 'private, no-store');
    await pipeline(
      Readable.from((async function* () {
        if (!first.done) yield first.value;
        yield* lines;
      })()),
      response,
    );
  }
}
