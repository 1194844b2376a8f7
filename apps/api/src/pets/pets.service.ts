import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type PetPayload, type PetView } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { DatabaseContext } from '../database/database-context';
import { ObjectStorage } from '../storage/object-storage';
import { Pet, PetSex } from './pet.entity';

const toView = (pet: Pet): PetView => ({
  id: pet.id,
  name: pet.name,
  species: pet.species,
  breed: pet.breed,
  birthDate: pet.birthDate,
  sex: pet.sex,
  weightKg: pet.weightKg === null ? null : Number(pet.weightKg),
  allergies: pet.allergies,
  medicalHistory: pet.medicalHistory,
  createdAt: pet.createdAt.toISOString(),
  updatedAt: pet.updatedAt.toISOString(),
});

/** The pet's full record, as its owner sees it (and the consultant of a consultation about it). */
export { toView as toPetView };

/**
 * An owner's pets and their records. Every query runs as the owner, so row-level security
 * alone would already hide other people's pets; the service still answers "not found"
 * itself, and audits every read and change (never the record's content).
 */
@Injectable()
export class PetsService {
  private readonly logger = new Logger(PetsService.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly storage: ObjectStorage,
  ) {}

  list(actor: Actor): Promise<PetView[]> {
    return this.db.runAs(actor, async (manager) => {
      const pets = await manager.find(Pet, { where: { ownerId: actor.userId }, order: { name: 'ASC' } });
      await this.audit.record({ action: 'pet.list', entityType: 'pet', outcome: 'success' });
      return pets.map(toView);
    });
  }

  get(actor: Actor, petId: string): Promise<PetView> {
    return this.db.runAs(actor, async (manager) => {
      const pet = await this.find(manager, actor, petId);
      await this.audit.record({ action: 'pet.read', entityType: 'pet', entityId: pet.id, outcome: 'success' });
      return toView(pet);
    });
  }

  create(actor: Actor, request: PetPayload): Promise<PetView> {
    return this.db.runAs(actor, async (manager) => {
      const pet = manager.create(Pet, {
        id: randomUUID(),
        ownerId: actor.userId,
        name: request.name.trim(),
        species: request.species.trim(),
        breed: request.breed ?? null,
        birthDate: request.birthDate ?? null,
        sex: (request.sex as PetSex | undefined) ?? PetSex.Unknown,
        weightKg: request.weightKg === undefined || request.weightKg === null ? null : String(request.weightKg),
        allergies: request.allergies ?? null,
        medicalHistory: request.medicalHistory ?? null,
      });
      await manager.save(pet);
      await this.audit.record({ action: 'pet.create', entityType: 'pet', entityId: pet.id, outcome: 'success' });
      return toView(await this.find(manager, actor, pet.id));
    });
  }

  update(actor: Actor, petId: string, changes: Partial<PetPayload>): Promise<PetView> {
    return this.db.runAs(actor, async (manager) => {
      const pet = await this.find(manager, actor, petId);
      const { weightKg, sex, ...rest } = changes;
      Object.assign(pet, rest);
      if (sex !== undefined) pet.sex = sex as PetSex;
      if (weightKg !== undefined) pet.weightKg = weightKg === null ? null : String(weightKg);
      await manager.save(pet);
      await this.audit.record({ action: 'pet.update', entityType: 'pet', entityId: pet.id, outcome: 'success' });
      return toView(await this.find(manager, actor, pet.id));
    });
  }

  /** Deletes the pet, its attachments' rows (by cascade) and, once that committed, their stored objects. */
  async remove(actor: Actor, petId: string): Promise<void> {
    const storageKeys = await this.db.runAs(actor, async (manager) => {
      const pet = await this.find(manager, actor, petId);
      // A consultation's record is the clinic's to keep (retention decides when it goes), and it names this pet.
      const [consulted] = await manager.query<unknown[]>('SELECT 1 FROM consultations WHERE pet_id = $1 LIMIT 1', [pet.id]);
      if (consulted) throw new AppError(ErrorCode.ConsultationState, 'This pet has consultations on record, which the clinic keeps for a while: it cannot be deleted yet.');
      const attachments = await manager.query<{ storage_key: string }[]>('SELECT storage_key FROM pet_attachments WHERE pet_id = $1', [pet.id]);
      await manager.delete(Pet, { id: pet.id });
      await this.audit.record({ action: 'pet.delete', entityType: 'pet', entityId: pet.id, outcome: 'success' });
      return attachments.map((attachment) => attachment.storage_key);
    });
    // After the commit: a failed delete leaves an unreadable object (its key went with the row), never a row without a body.
    await Promise.all(
      storageKeys.map((key) =>
        this.storage.delete(key).catch((error: unknown) => this.logger.error({ err: loggableError(error), petId }, 'could not delete an attachment object')),
      ),
    );
  }

  private async find(manager: EntityManager, actor: Actor, petId: string): Promise<Pet> {
    const pet = await manager.findOneBy(Pet, { id: petId, ownerId: actor.userId });
    if (!pet) {
      await this.audit.recordIndependently({ action: 'pet.read', entityType: 'pet', entityId: petId, outcome: 'denied' });
      throw new AppError(ErrorCode.NotFound, 'No such pet.');
    }
    return pet;
  }
}
