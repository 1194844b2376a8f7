/**
 * A TURN server for RTCPeerConnection's iceServers, with a time-limited credential in
 * coturn's REST-secret scheme: `username` is "<unix expiry>:<opaque id>" and never names a
 * person; `credential` is base64(HMAC-SHA1(secret, username)) and stops working at that expiry.
 */
export interface IceServerView {
  urls: string[];
  username: string;
  credential: string;
}
