import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TwoFactorController } from './two-factor.controller';
import { TwoFactorService } from './two-factor.service';

@Module({ imports: [AuthModule], controllers: [TwoFactorController], providers: [TwoFactorService] })
export class TwoFactorModule {}
