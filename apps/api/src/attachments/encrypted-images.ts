import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { generateDataKey, wrappedKeyId, type MasterKeyRing } from '@vetmeet/crypto';
import type { Response } from 'express';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import type { ObjectStorage } from '../storage/object-storage';
import { sendDecrypted } from './attachment-response';
import { readDecrypted, storeEncrypted } from './encrypted-body';
import { discardBody, receiveUpload, type UploadForm } from './multipart-upload';

/** Which images a store keeps: where their objects live, and how they are named to people and in logs. */
export interface ImageKind {
  /** e.g. 'clinic-logos': objects at `<prefix>/<first two characters>/<id>`. */
  storagePrefix: string;
  /** e.g. 'clinic-logo': each wrapped key opens only for `<keyContext>:<id>`. */
  keyContext: string;
  /** e.g. 'logo': in the not-found message and the downloaded file's name. */
  noun: string;
  /** e.g. 'clinic logo', in log lines. */
  logName: string;
}

/** An image's row: what is needed to read it back. */
export interface StoredImage {
  imageId: string;
  contentType: string;
  wrappedKey: Buffer;
}

/** A new image written to storage, waiting for its row. */
export interface ReceivedImage {
  imageId: string;
  contentType: string;
  wrappedKey: Buffer;
  masterKeyId: string;
}

/**
 * Small public images (clinic logos, consultant photos) stored like attachments: their type read from
 * their bytes while they stream in, encrypted under their own data key, written before their row.
 * The services decide who may do what; this keeps the objects.
 */
export class EncryptedImages {
  constructor(
    private readonly kind: ImageKind,
    private readonly storage: ObjectStorage,
    private readonly keyRing: MasterKeyRing,
    private readonly logger: Logger,
  ) {}

  notFound(): AppError {
    return new AppError(ErrorCode.NotFound, `No ${this.kind.noun}.`);
  }

  /** Runs the checks before the body is read; a refused request's body is drained unread. */
  async beforeReading(request: IncomingMessage, check: () => Promise<unknown>): Promise<void> {
    try {
      await check();
    } catch (error) {
      discardBody(request);
      throw error;
    }
  }

  /** Streams the upload into a new encrypted object; `store(image)` then writes its row. */
  async receive<T>(
    request: IncomingMessage,
    form: UploadForm<Record<string, never>>,
    store: (image: ReceivedImage) => Promise<T>,
  ): Promise<T> {
    const imageId = randomUUID();
    const dataKey = generateDataKey();
    const wrappedKey = this.keyRing.wrap(dataKey, this.keyContextOf(imageId));
    try {
      const stored = await receiveUpload(request, form, (file) =>
        storeEncrypted(this.storage, this.storageKeyOf(imageId), dataKey, file),
      );
      const masterKeyId = wrappedKeyId(wrappedKey);
      return await store({ imageId, contentType: stored.contentType, wrappedKey, masterKeyId });
    } catch (error) {
      await this.deleteObject(imageId);
      throw error;
    }
  }

  async send(image: StoredImage | null, response: Response): Promise<void> {
    if (!image) throw this.notFound();
    const { imageId } = image;
    let read: Awaited<ReturnType<typeof readDecrypted>>;
    try {
      const dataKey = this.keyRing.unwrap(image.wrappedKey, this.keyContextOf(imageId));
      read = await readDecrypted(this.storage, this.storageKeyOf(imageId), dataKey, undefined);
    } catch (error) {
      this.logger.error({ err: loggableError(error), imageId }, `could not open a ${this.kind.logName} for reading`);
      throw new AppError(ErrorCode.Internal, `This ${this.kind.noun} cannot be read right now.`);
    }
    if (read.kind !== 'body') throw this.notFound();
    const sent = await sendDecrypted(response, { contentType: image.contentType, fileName: this.kind.noun }, read);
    if (!sent.ok) this.logger.debug({ imageId }, `${this.kind.logName} download cut`);
  }

  async deleteObject(imageId: string): Promise<void> {
    try {
      await this.storage.delete(this.storageKeyOf(imageId));
    } catch (error) {
      // Unreadable without its row's wrapped key; left for an operator to sweep.
      this.logger.error({ err: loggableError(error), imageId }, `could not delete a ${this.kind.logName} object`);
    }
  }

  private storageKeyOf(imageId: string): string {
    return `${this.kind.storagePrefix}/${imageId.slice(0, 2)}/${imageId}`;
  }

  private keyContextOf(imageId: string): string {
    return `${this.kind.keyContext}:${imageId}`;
  }
}
