const clinicBase = (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}`;

/** The consultant's own pages, each acting in the clinic of its address. */
export const consultantProfilePath = (clinicId: string) => `${clinicBase(clinicId)}/profile`;
export const consultantAvailabilityPath = (clinicId: string) => `${clinicBase(clinicId)}/availability`;
export const consultantCalendarPath = (clinicId: string) => `${clinicBase(clinicId)}/calendar`;
export const consultantPublishPath = (clinicId: string) => `${clinicBase(clinicId)}/publish`;
/** The clinic's profile, for its admins. */
export const clinicProfilePath = (clinicId: string) => `${clinicBase(clinicId)}/clinic-profile`;
