/** How far around its scheduled times a consultation's room can be joined. */
export interface JoinWindowSettings {
  /** Minutes before the start that the room opens. */
  opensMinutes: number;
  /** Minutes after the end that the room still lets people (back) in. */
  closesMinutes: number;
}

export interface JoinWindow {
  opensAt: Date;
  closesAt: Date;
}

export type JoinWindowPosition = 'before' | 'open' | 'after';

const MINUTE_MS = 60_000;

export function joinWindowOf(times: { startsAt: Date; endsAt: Date }, settings: JoinWindowSettings): JoinWindow {
  return {
    opensAt: new Date(times.startsAt.getTime() - settings.opensMinutes * MINUTE_MS),
    closesAt: new Date(times.endsAt.getTime() + settings.closesMinutes * MINUTE_MS),
  };
}

/** Open from opensAt (inclusive) until closesAt (exclusive). */
export function positionIn(window: JoinWindow, now: Date): JoinWindowPosition {
  if (now.getTime() < window.opensAt.getTime()) return 'before';
  return now.getTime() < window.closesAt.getTime() ? 'open' : 'after';
}

/** For people: when the room opens, or when it closed. Times in UTC: the client shows them in the person's zone. */
export function joinWindowMessage(window: JoinWindow, position: Exclude<JoinWindowPosition, 'open'>, now: Date): string {
  if (position === 'before') {
    const minutes = Math.ceil((window.opensAt.getTime() - now.getTime()) / MINUTE_MS);
    return `This consultation room opens at ${window.opensAt.toISOString()}, in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  return `This consultation room closed at ${window.closesAt.toISOString()}.`;
}

export const joinWindowSettingsOf = (config: { CONSULTATION_JOIN_OPENS_MINUTES: number; CONSULTATION_JOIN_CLOSES_MINUTES: number }): JoinWindowSettings => ({
  opensMinutes: config.CONSULTATION_JOIN_OPENS_MINUTES,
  closesMinutes: config.CONSULTATION_JOIN_CLOSES_MINUTES,
});
