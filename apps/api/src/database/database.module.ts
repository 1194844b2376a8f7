import { Global, Module } from '@nestjs/common';
import { DatabaseContext } from './database-context';

@Global()
@Module({ providers: [DatabaseContext], exports: [DatabaseContext] })
export class DatabaseModule {}
