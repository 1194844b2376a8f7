import type { SegmentOutcome, SegmentSink } from './recording-sink';

/** Runs a sink's call so that neither a throw nor a rejection escapes: a sink's failure is never the API's. */
export async function settle(call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch {
    // The sink keeps its own record of what failed; the caller goes on.
  }
}

/**
 * A segment's sink as the recorder uses it: a throwing write or firstMediaAt (a storage
 * fault) calls onFailure once, which ends the segment as interrupted, instead of throwing
 * into the pipe's event handler, which would take the process down.
 */
export class GuardedSegment implements SegmentSink {
  private failed = false;

  constructor(
    private readonly sink: SegmentSink,
    private readonly onFailure: () => void,
  ) {}

  write(bytes: Buffer): void {
    this.guard(() => this.sink.write(bytes));
  }

  firstMediaAt(at: Date): void {
    this.guard(() => this.sink.firstMediaAt(at));
  }

  end(outcome: SegmentOutcome): Promise<void> {
    return settle(() => this.sink.end(outcome));
  }

  private guard(call: () => void): void {
    if (this.failed) return;
    try {
      call();
    } catch {
      this.failed = true;
      this.onFailure();
    }
  }
}
