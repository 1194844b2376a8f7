import { join, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LocalDiskStorage } from './local-disk-storage';
import { ObjectStorage } from './object-storage';
import { S3Storage } from './s3-storage';
import { StorageQuota } from './storage-quota';

export function createObjectStorage(config: AppConfig): ObjectStorage {
  if (config.STORAGE_DRIVER === 's3') {
    const { S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = config;
    // Validated at start (app-config.ts); this only narrows the types.
    if (!S3_BUCKET || !S3_REGION || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) throw new Error('STORAGE_DRIVER=s3 needs S3_BUCKET, S3_REGION and S3 credentials');
    return new S3Storage({
      bucket: S3_BUCKET,
      region: S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      spoolDir: resolve(join(config.DATA_DIR, 's3-spool')),
    });
  }
  return new LocalDiskStorage(resolve(config.STORAGE_DIR ?? join(config.DATA_DIR, 'objects')));
}

/** The object store STORAGE_DRIVER names (bodies reach it already encrypted), and how much of it each account may use. */
@Module({
  providers: [{ provide: ObjectStorage, inject: [AppConfig], useFactory: createObjectStorage }, StorageQuota],
  exports: [ObjectStorage, StorageQuota],
})
export class StorageModule {}
