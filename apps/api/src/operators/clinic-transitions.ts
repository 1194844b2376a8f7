import type { ClinicStatusValue } from '@vetmeet/contracts';

export type ClinicDecision = 'approve' | 'refuse' | 'suspend' | 'reinstate';

/** The moves an operator makes, each from the one status it starts from; all but approval ask a reason. */
interface Transition {
  from: ClinicStatusValue;
  to: ClinicStatusValue;
  reason: boolean;
}

export const CLINIC_TRANSITIONS: Record<ClinicDecision, Transition> = {
  approve: { from: 'pending', to: 'approved', reason: false },
  refuse: { from: 'pending', to: 'refused', reason: true },
  suspend: { from: 'approved', to: 'suspended', reason: true },
  reinstate: { from: 'suspended', to: 'approved', reason: true },
};

export const PAST_TENSE: Record<ClinicDecision, string> = {
  approve: 'approved',
  refuse: 'refused',
  suspend: 'suspended',
  reinstate: 'reinstated',
};
