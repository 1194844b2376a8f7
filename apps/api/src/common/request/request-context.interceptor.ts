import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { RequestWithActor } from '../../auth/actor';
import { RequestContext } from './request-context';

/** Makes the request's id, address and actor available to audit events written anywhere below. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const facts = { requestId: request.id ?? null, ip: request.ip ?? null, actor: request.actor ?? null };
    return new Observable((subscriber) => RequestContext.run(facts, () => next.handle().subscribe(subscriber)));
  }
}
