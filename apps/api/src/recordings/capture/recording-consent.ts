/**
 * What the room asks of the consent ledger. Recording starts (or resumes) only while every
 * person in the call has a standing recording consent for the consultation; a withdrawal
 * stops it for everyone at once (RecordingPorts.withdrawn).
 */
export interface RecordingConsentCheck {
  /** For each user id, whether their recording consent for this consultation stands now (missing = false). */
  standing(consultationId: string, userIds: readonly string[]): Promise<Map<string, boolean>>;
}
