/**
 * Whether the call is being recorded. Recording (with everyone's consent) is not built yet,
 * so this always says so; the consented-recording work replaces the placeholder.
 */
export function RecordingIndicator() {
  return (
    <span className="call-badge call-recording-off" data-testid="recording-indicator">
      Not recording
    </span>
  );
}
