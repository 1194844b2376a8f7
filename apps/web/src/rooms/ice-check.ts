import type { IceServerView } from '@vetmeet/contracts/client';

/** Whether a TURN relay can be reached: the way through networks that block direct media. */
export type RelayReachability = 'not-configured' | 'reachable' | 'unreachable';

export interface IceCheckResult {
  /** The kinds of candidates gathered: host (this machine), srflx (seen through NAT), relay (through TURN). */
  candidateTypes: RTCIceCandidateType[];
  relay: RelayReachability;
}

const GATHERING_TIMEOUT_MS = 6_000;

export const toRtcIceServers = (servers: readonly IceServerView[]): RTCIceServer[] =>
  servers.map(({ urls, username, credential }) => ({ urls, username, credential }));

/**
 * Gathers ICE candidates with the room's TURN servers, as a call would, and reports which
 * kinds came back. A relay candidate means the TURN server answered and granted an
 * allocation with the credential. Nothing is sent to anyone: the connection is never
 * completed and is closed at the end.
 */
export async function checkIceCandidates(iceServers: readonly IceServerView[], timeoutMs = GATHERING_TIMEOUT_MS): Promise<IceCheckResult> {
  const connection = new RTCPeerConnection({ iceServers: toRtcIceServers(iceServers) });
  const types = new Set<RTCIceCandidateType>();
  try {
    // A data channel gives the offer something to negotiate, so gathering starts.
    connection.createDataChannel('vetmeet-connectivity-check');
    await new Promise<void>((resolve, reject) => {
      const timer = window.setTimeout(resolve, timeoutMs);
      const finish = () => {
        window.clearTimeout(timer);
        resolve();
      };
      connection.onicecandidate = ({ candidate }) => {
        if (!candidate) {
          finish();
          return;
        }
        if (candidate.type) types.add(candidate.type);
        // The answer the check is after; no need to wait for slower servers.
        if (candidate.type === 'relay') finish();
      };
      connection
        .createOffer()
        .then((offer) => connection.setLocalDescription(offer))
        .catch((error: unknown) => {
          window.clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  } finally {
    connection.onicecandidate = null;
    connection.close();
  }
  const relay: RelayReachability = iceServers.length === 0 ? 'not-configured' : types.has('relay') ? 'reachable' : 'unreachable';
  return { candidateTypes: [...types], relay };
}
