import type { MediaCheckState } from '../media/media-check-state';

function transportLabel(state: MediaCheckState, transportId: string): string {
  if (transportId === state.sendTransportId) return 'Sending';
  if (transportId === state.recvTransportId) return 'Receiving';
  return 'Transport';
}

const candidateText: Record<RTCIceCandidateType, string> = {
  host: 'direct',
  srflx: 'direct, through your router (NAT)',
  prflx: 'direct, through your router (NAT)',
  relay: 'relayed by the TURN server',
};

/** What came back through the media server, refreshed every second. */
export function MediaCheckStats({ state }: { state: MediaCheckState }) {
  const resolution =
    state.remoteVideoWidth > 0 ? `${state.remoteVideoWidth} × ${state.remoteVideoHeight}` : 'none yet';
  const dtls = Object.entries(state.serverDtlsStates);
  const paths = Object.entries(state.selectedCandidateTypes);

  return (
    <section className="stats" aria-labelledby="stats-title">
      <h2 id="stats-title">What the server sent back</h2>
      <dl className="stats-list">
        <div>
          <dt>Video frames decoded</dt>
          <dd data-testid="video-frames-decoded">{state.videoFramesDecoded}</dd>
        </div>
        <div>
          <dt>Received video size</dt>
          <dd data-testid="remote-video-size">{resolution}</dd>
        </div>
        <div>
          <dt>Audio packets received</dt>
          <dd data-testid="audio-packets-received">{state.audioPacketsReceived}</dd>
        </div>
        {dtls.length === 0 ? (
          <div>
            <dt>Encryption (DTLS)</dt>
            <dd>not started</dd>
          </div>
        ) : (
          dtls.map(([transportId, dtlsState]) => (
            <div key={transportId}>
              <dt>{transportLabel(state, transportId)} encryption (DTLS)</dt>
              <dd data-testid={`dtls-${transportId}`}>{dtlsState}</dd>
            </div>
          ))
        )}
        {paths.map(([transportId, candidateType]) => (
          <div key={`path-${transportId}`}>
            <dt>{transportLabel(state, transportId)} network path</dt>
            <dd data-testid={`network-path-${transportId}`}>{candidateText[candidateType]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
