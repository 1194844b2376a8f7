// The in-page side of bench:join, added to every page before the app's own scripts
// (context.addInitScript). Plain browser JavaScript: it is injected as is.
//
// It watches, on the page's own clock (performance.now()), what a join does: the room
// socket's requests and when their acknowledgements arrive (socket.io frames on the
// WebSocket), and when each RTCPeerConnection connects (ICE + DTLS). It clicks the page's
// buttons itself, so Playwright's round trips are not in the figures, and waits for the
// first frame of a remote video with requestVideoFrameCallback. The app is not changed.
/* global window, document, MutationObserver */
(() => {
  /** { event, sentAt, ackAt, ok, direction, consumerId, spatialLayer, kind, source, id, producerId } per acknowledged request. */
  const requests = [];
  /** { at, receiving } each time a peer connection reaches "connected". */
  const connections = [];

  // engine.io "4" (message), then socket.io's type ("2" event, "3" acknowledgement),
  // the namespace ("/consultation-room,"), the acknowledgement id, and the JSON arguments.
  const PACKET = /^4([23])(\/[^,[]*,)?(\d+)(\[[\s\S]*)$/;

  function parse(data) {
    if (typeof data !== 'string') return null;
    const match = PACKET.exec(data);
    if (!match) return null;
    try {
      return { type: match[1], key: `${match[2] ?? '/'}${match[3]}`, args: JSON.parse(match[4]) };
    } catch {
      return null;
    }
  }

  // Only the few fields the benchmark reads; the payloads (RTP parameters, capabilities) stay here.
  const pick = (value) => ({
    direction: value?.direction,
    consumerId: value?.consumerId,
    spatialLayer: value?.spatialLayer,
  });
  const pickAck = (value) => ({
    ok: value?.ok === true,
    id: value?.data?.id,
    producerId: value?.data?.producerId,
    kind: value?.data?.kind,
    source: value?.data?.source,
  });

  const NativeWebSocket = window.WebSocket;
  const openRequests = new WeakMap();
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      const open = new Map();
      openRequests.set(this, open);
      this.addEventListener('message', (message) => {
        const at = performance.now();
        const packet = parse(message.data);
        if (packet?.type !== '3') return;
        const request = open.get(packet.key);
        if (!request) return;
        open.delete(packet.key);
        Object.assign(request, { ackAt: at }, pickAck(packet.args[0]));
      });
    }

    send(data) {
      const packet = parse(data);
      if (packet?.type === '2') {
        const request = { event: packet.args[0], sentAt: performance.now(), ackAt: null, ...pick(packet.args[1]) };
        requests.push(request);
        openRequests.get(this)?.set(packet.key, request);
      }
      return super.send(data);
    }
  };

  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState !== 'connected') return;
        // mediasoup-client gives each transport its own connection: the receiving one has recvonly transceivers.
        const receiving = this.getTransceivers().some((transceiver) => transceiver.direction === 'recvonly');
        connections.push({ at: performance.now(), receiving });
      });
    }
  };

  function buttonNamed(text) {
    return [...document.querySelectorAll('button')].find((button) => button.textContent.trim() === text) ?? null;
  }

  /** The first frame presented by a video element with this test id that appears from now on. */
  function firstFrameOfNewVideo(testId, timeoutMs) {
    const selector = `video[data-testid="${testId}"]`;
    const before = new Set(document.querySelectorAll(selector));
    return new Promise((resolve, reject) => {
      const watched = new Set();
      const watch = () => {
        for (const video of document.querySelectorAll(selector)) {
          if (before.has(video) || watched.has(video)) continue;
          watched.add(video);
          video.requestVideoFrameCallback((_now, frame) => {
            finish();
            resolve({ presentedAt: frame.presentationTime, receivedAt: frame.receiveTime ?? null, width: frame.width, height: frame.height });
          });
        }
      };
      const observer = new MutationObserver(watch);
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no frame of a new ${selector} within ${timeoutMs} ms (${watched.size} new elements)`));
      }, timeoutMs);
      function finish() {
        observer.disconnect();
        clearTimeout(timer);
      }
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }

  window.__joinBench = {
    /** Where this page's clock starts, in epoch ms: page times plus this compare with the server's. */
    timeOrigin() {
      return performance.timeOrigin;
    },

    /** A button with exactly this text is on the page and can be pressed. */
    ready(text) {
      const button = buttonNamed(text);
      return button !== null && !button.disabled;
    },

    /** Presses the button; returns when, on the page's clock. */
    click(text) {
      const button = buttonNamed(text);
      if (!button || button.disabled) throw new Error(`no enabled button "${text}"`);
      const at = performance.now();
      button.click();
      return at;
    },

    /** Presses the button and waits for the first frame of a remote video shown after it; times on the page's clock. */
    async clickAndWaitForFrame(text, videoTestId, timeoutMs) {
      const frame = firstFrameOfNewVideo(videoTestId, timeoutMs);
      const clickedAt = this.click(text);
      return { clickedAt, ...(await frame) };
    },

    requestsSince(at) {
      return requests.filter((request) => request.sentAt >= at).map((request) => ({ ...request }));
    },

    connectionsSince(at) {
      return connections.filter((connection) => connection.at >= at);
    },
  };
})();
