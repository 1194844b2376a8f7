import type { ConsultationStatusValue } from '@vetmeet/contracts/client';
import { statusBadgeClass, statusLabels } from '../consultations/consultation-status';

export function ConsultationStatusBadge({ status }: { status: ConsultationStatusValue }) {
  return (
    <span className={statusBadgeClass[status]} data-testid="consultation-status">
      {statusLabels[status]}
    </span>
  );
}
