import type { DemoSignInsView } from '@vetmeet/contracts/client';
import { api } from './client';

/** The development demo's accounts; the route does not exist (404) in production or with DEMO_DATA=off. */
export const fetchDemoSignIns = (signal?: AbortSignal) => api.get<DemoSignInsView>('/dev/demo-sign-ins', { signal });
