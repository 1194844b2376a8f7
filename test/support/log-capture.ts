import { Logger } from '@nestjs/common';

export interface CapturedLogs {
  /** Each call to a Nest Logger since the capture started (or was last cleared), as JSON text. */
  readonly lines: string[];
  /** The lines at level error. */
  errors(): string[];
  clear(): void;
  restore(): void;
}

const LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

/**
 * Records what the app in this test process logs through Nest's Logger (every service, the
 * error filters, the database logger) instead of printing it, so a test can check what a log
 * line would say. Request lines from pino-http are not included: they never carry input.
 */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const spies = LEVELS.map((level) =>
    jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
      lines.push(`${level} ${JSON.stringify(args)}`);
    }),
  );
  return {
    lines,
    errors: () => lines.filter((line) => line.startsWith('error ') || line.startsWith('fatal ')),
    clear: () => void lines.splice(0),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
