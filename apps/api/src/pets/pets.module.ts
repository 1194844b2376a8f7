import { Module } from '@nestjs/common';
import { PetsController } from './pets.controller';
import { PetsService } from './pets.service';
import { StorageModule } from '../storage/storage.module';

@Module({ imports: [StorageModule], controllers: [PetsController], providers: [PetsService], exports: [PetsService] })
export class PetsModule {}
