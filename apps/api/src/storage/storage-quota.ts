import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';

const MIB = 1024 * 1024;

/**
 * How much one account may keep in the object store (STORAGE_QUOTA_MB): its pets' files and
 * the files it shared in consultations, counted together. Without it one account could fill
 * the disk every clinic's records live on. Queries run as the account (row-level security).
 */
@Injectable()
export class StorageQuota {
  private readonly limitBytes: number;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.limitBytes = config.STORAGE_QUOTA_MB * MIB;
  }

  /** Before a body streams in: an account that is full already is told at once, not after the upload. */
  async requireRoom(manager: EntityManager, userId: string): Promise<void> {
    if ((await this.usedBytes(manager, userId)) >= this.limitBytes) throw this.exceeded();
  }

  /**
   * In the transaction that records a stored file, before its row: holds the account's lock
   * until the transaction ends, so two uploads at once cannot both fit in the last space.
   */
  async reserve(manager: EntityManager, userId: string, sizeBytes: number): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`storage-quota:${userId}`]);
    if ((await this.usedBytes(manager, userId)) + sizeBytes > this.limitBytes) throw this.exceeded();
  }

  private async usedBytes(manager: EntityManager, userId: string): Promise<number> {
    const [row] = await manager.query<{ used: string }[]>(
      `SELECT (SELECT COALESCE(sum(size_bytes), 0) FROM pet_attachments WHERE owner_id = $1)
            + (SELECT COALESCE(sum(size_bytes), 0) FROM consultation_files WHERE uploader_id = $1) AS used`,
      [userId],
    );
    return Number(row.used);
  }

  private exceeded(): AppError {
    return new AppError(ErrorCode.StorageQuotaExceeded, `Your files take all the ${this.limitBytes / MIB} MB your account has. Delete some before adding more.`);
  }
}
