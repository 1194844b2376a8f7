/** Recordings are kept 12 months (PRODUCT.md) until a per-clinic retention setting says otherwise. */
export const DEFAULT_RECORDING_RETENTION_MONTHS = 12;

/** The wrapped data key of a recording opens only for that recording. */
export const recordingKeyContext = (recordingId: string) => `recording:${recordingId}`;

/** Where a segment's finalized WebM is kept (the journal may use it; any server-made UUID path will do). */
export const segmentObjectKey = (recordingId: string, segmentId: string) => `recordings/${recordingId}/${segmentId}`;
