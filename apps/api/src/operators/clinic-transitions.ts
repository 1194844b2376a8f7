import type { ClinicStatusValue } from '@vetmeet/contracts';

export type ClinicDecision = 'approve' | 'refuse' | 'suspend' | 'reinstate';

/** The moves an operator makes, from the one status each starts from; a reason is asked of all but approval. */
export const CLINIC_TRANSITIONS: Record<ClinicDecision, { from: ClinicStatusValue; to: ClinicStatusValue; reason: boolean }> = {
  approve: { from: 'pending', to: 'approved', reason: false },
  refuse: { from: 'pending', to: 'refused', reason: true },
  suspend: { from: 'approved', to: 'suspended', reason: true },
  reinstate: { from: 'suspended', to: 'approved', reason: true },
};
