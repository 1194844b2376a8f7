import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreatePetRequest, UpdatePetRequest, type PetView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { PetsService } from './pets.service';

@ApiTags('pets')
@Controller('pets')
export class PetsController {
  constructor(private readonly pets: PetsService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<PetView[]> {
    return this.pets.list(actor);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreatePetRequest): Promise<PetView> {
    return this.pets.create(actor, body);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PetView> {
    return this.pets.get(actor, id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdatePetRequest): Promise<PetView> {
    return this.pets.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.pets.remove(actor, id);
  }
}
