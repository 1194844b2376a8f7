import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { AuthModule } from '../auth/auth.module';
import { ClinicApplicationsModule } from '../clinic-applications/clinic-applications.module';
import { ClinicProfilesModule } from '../clinic-profiles/clinic-profiles.module';
import { ConsultantsModule } from '../consultants/consultants.module';
import { OperatorsModule } from '../operators/operators.module';
import { PetsModule } from '../pets/pets.module';
import { DEMO_SCHEMA_OWNER_URL, DemoClinicFounder } from './demo-clinic-founder';
import { DemoPeople } from './demo-people';
import { DemoSeedRecords } from './demo-seed-records';
import { DemoSeeder } from './demo-seeder';
import { DemoSignIns } from './demo-sign-ins';
import { DemoSignInsController, NoDemoSignInsController } from './demo-sign-ins.controller';

/** On in development unless DEMO_DATA=off; off in test unless asked for; validation refuses it in production. */
export function demoDataEnabled(config: AppConfig): boolean {
  return config.NODE_ENV !== 'production' && (config.DEMO_DATA ?? config.NODE_ENV === 'development');
}

/**
 * The development demo: seeded at start on an empty database, its sign-ins in the log and on
 * the sign-in page. AppModule imports it only when demoDataEnabled(), so in production (and
 * with DEMO_DATA=off) there is no seed, and its route lists no account (NoDemoModule).
 */
@Module({})
export class DemoModule {
  static forRoot(schemaOwnerUrl: string): DynamicModule {
    return {
      module: DemoModule,
      imports: [
        AuthModule,
        ClinicApplicationsModule,
        ClinicProfilesModule,
        ConsultantsModule,
        OperatorsModule,
        PetsModule,
      ],
      controllers: [DemoSignInsController],
      providers: [
        { provide: DEMO_SCHEMA_OWNER_URL, useValue: schemaOwnerUrl },
        DemoClinicFounder,
        DemoPeople,
        DemoSeedRecords,
        DemoSeeder,
        DemoSignIns,
      ],
    };
  }
}

/** Without the demo: its sign-in route answers an empty list, so the sign-in page loads without an error. */
@Module({ controllers: [NoDemoSignInsController] })
export class NoDemoModule {}
