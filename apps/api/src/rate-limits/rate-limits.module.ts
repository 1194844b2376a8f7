import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { HttpRateLimits, PerAccountRateLimitInterceptor, PerAddressRateLimitMiddleware } from './http-rate-limits';
import { PostgresRateLimitStore } from './postgres-rate-limit-store';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit-store';
import { RateLimits } from './rate-limits';
import { RedisRateLimitStore } from './redis-rate-limit-store';

/**
 * Every rate limit of the app over one shared store: Redis when REDIS_URL is set, else
 * PostgreSQL. Also the global HTTP budgets per address and per account. Signaling's per-socket
 * message limits are not here: they belong to one connection and stay in its process.
 */
@Global()
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORE,
      inject: [AppConfig, DataSource],
      useFactory: async (config: AppConfig, dataSource: DataSource): Promise<RateLimitStore> =>
        config.REDIS_URL ? RedisRateLimitStore.connect(config.REDIS_URL) : new PostgresRateLimitStore(dataSource),
    },
    RateLimits,
    HttpRateLimits,
    { provide: APP_INTERCEPTOR, useClass: PerAccountRateLimitInterceptor },
  ],
  exports: [RateLimits],
})
export class RateLimitsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PerAddressRateLimitMiddleware).forRoutes('*path');
  }
}
