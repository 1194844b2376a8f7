/** A TURN (or STUN) server for RTCPeerConnection's iceServers, with time-limited credentials. */
export interface IceServerView {
  urls: string[];
  username: string;
  credential: string;
}
