import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';

const MIB = 1024 * 1024;

/** What one quota counts: the bytes already kept, the most allowed, and what to tell the person past it. */
export interface QuotaScope {
  /** Serialises the last check of uploads into the same scope. */
  lockKey: string;
  sql: string;
  params: unknown[];
  limitBytes: number;
  refusal: string;
}

/**
 * How much one person may keep in the object store, so that one account cannot fill the disk
 * every clinic's records live on: the files in their pets' records (STORAGE_QUOTA_MB, which
 * they free by deleting), and the files they share in one consultation (CONSULTATION_FILES_QUOTA_MB;
 * a chat is append-only, so that quota is per consultation, bounded like the call itself).
 * Queries run as the person (row-level security).
 */
@Injectable()
export class StorageQuota {
  private readonly petFilesLimit: number;
  private readonly sharedFilesLimit: number;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.petFilesLimit = config.STORAGE_QUOTA_MB * MIB;
    this.sharedFilesLimit = config.CONSULTATION_FILES_QUOTA_MB * MIB;
  }

  petFiles(userId: string): QuotaScope {
    return {
      lockKey: `storage-quota:pets:${userId}`,
      sql: 'SELECT COALESCE(sum(size_bytes), 0) AS used FROM pet_attachments WHERE owner_id = $1',
      params: [userId],
      limitBytes: this.petFilesLimit,
      refusal: `Your pets' files take all the ${this.petFilesLimit / MIB} MB your account has. Delete some before adding more.`,
    };
  }

  sharedFiles(consultationId: string, userId: string): QuotaScope {
    return {
      lockKey: `storage-quota:consultation:${consultationId}:${userId}`,
      sql: 'SELECT COALESCE(sum(size_bytes), 0) AS used FROM consultation_files WHERE consultation_id = $1 AND uploader_id = $2',
      params: [consultationId, userId],
      limitBytes: this.sharedFilesLimit,
      refusal: `You have shared the ${this.sharedFilesLimit / MIB} MB of files one person may share in a consultation.`,
    };
  }

  /** Before a body streams in: a scope that is full already is told at once, not after the upload. */
  async requireRoom(manager: EntityManager, scope: QuotaScope): Promise<void> {
    if ((await this.usedBytes(manager, scope)) >= scope.limitBytes) throw new AppError(ErrorCode.StorageQuotaExceeded, scope.refusal);
  }

  /**
   * In the transaction that wrote a stored file's row, after it: holds the scope's lock until
   * the transaction ends, so of two uploads at once the second counts the first, and refuses
   * (rolling its own row back) when the scope is over its limit.
   */
  async holdWithin(manager: EntityManager, scope: QuotaScope): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [scope.lockKey]);
    if ((await this.usedBytes(manager, scope)) > scope.limitBytes) throw new AppError(ErrorCode.StorageQuotaExceeded, scope.refusal);
  }

  private async usedBytes(manager: EntityManager, scope: QuotaScope): Promise<number> {
    const [row] = await manager.query<{ used: string }[]>(scope.sql, scope.params);
    return Number(row.used);
  }
}
