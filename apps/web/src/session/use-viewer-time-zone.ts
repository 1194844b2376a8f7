import { browserTimeZone } from '../format/calendar-week';
import { useSession } from './session-context';

/** The zone times are shown in: the account's when signed in (so every page agrees), else the browser's. */
export function useViewerTimeZone(): string {
  const { session } = useSession();
  return session?.account.timeZone ?? browserTimeZone();
}
