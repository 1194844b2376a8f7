import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load-config';
import { LocalDiskStorage } from './local-disk-storage';
import { S3Storage } from './s3-storage';
import { createObjectStorage } from './storage.module';
import { configProblems } from '../config/testing/config-problems';

const problemsOf = configProblems;

const s3Settings = {
  STORAGE_DRIVER: 's3',
  S3_REGION: 'eu-central-1',
  S3_BUCKET: 'vetmeet-objects',
  S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'a-test-only-secret-access-key',
};

describe(createObjectStorage.name, () => {
  it('keeps objects on local disk under DATA_DIR/objects unless told otherwise', () => {
    const storage = createObjectStorage(loadConfig({ DATA_DIR: '/var/lib/vetmeet' }));
    expect(storage).toBeInstanceOf(LocalDiskStorage);
    expect((storage as LocalDiskStorage).root).toBe(join('/var/lib/vetmeet', 'objects'));
    expect((createObjectStorage(loadConfig({ STORAGE_DIR: 'objects-here' })) as LocalDiskStorage).root).toBe(resolve('objects-here'));
  });

  it('uses an S3-compatible store when STORAGE_DRIVER=s3', () => {
    const storage = createObjectStorage(loadConfig({ ...s3Settings, S3_ENDPOINT: 'http://minio:9000', S3_FORCE_PATH_STYLE: 'true' }));
    expect(storage).toBeInstanceOf(S3Storage);
    (storage as S3Storage).onModuleDestroy();
  });
});

describe('storage settings', () => {
  it('demand a bucket, a region and both credentials for s3, naming each', () => {
    const problems = problemsOf({ STORAGE_DRIVER: 's3' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['S3_ACCESS_KEY_ID', 'S3_BUCKET', 'S3_REGION', 'S3_SECRET_ACCESS_KEY']);
  });

  it('never echo the secret access key', () => {
    const problems = problemsOf({ ...s3Settings, S3_SECRET_ACCESS_KEY: 'x'.repeat(300) }).join('\n');
    expect(problems).toMatch(/^S3_SECRET_ACCESS_KEY: /);
    expect(problems).not.toContain('xxxxxxxx');
  });

  it.each([
    ['STORAGE_DRIVER', 'ftp'],
    ['S3_ENDPOINT', 'minio:9000'],
    ['S3_BUCKET', 'Not A Bucket'],
    ['S3_FORCE_PATH_STYLE', 'sometimes'],
  ])('refuse %s=%p', (name, value) => {
    expect(problemsOf({ ...s3Settings, [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });
});
