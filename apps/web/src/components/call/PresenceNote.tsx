import type { ParticipantView } from '@vetmeet/contracts/client';

const presenceWords: Record<ParticipantView['presence'], string> = {
  absent: 'has not joined yet',
  waiting: 'is in the waiting room',
  in_call: 'is in the room',
  reconnecting: 'is reconnecting',
};

/** Where the other people of the room are now. */
export function PresenceNote({ others }: { others: readonly ParticipantView[] }) {
  if (others.length === 0) return null;
  return (
    <ul className="presence-list" data-testid="presence">
      {others.map((participant) => (
        <li key={participant.userId} className={`presence presence-${participant.presence}`}>
          <span className="presence-dot" aria-hidden="true" />
          {participant.displayName} {presenceWords[participant.presence]}.
        </li>
      ))}
    </ul>
  );
}
