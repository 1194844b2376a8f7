import { useCallback, useEffect, useRef, useState } from 'react';
import { toErrorView, type MediaCheckErrorView } from '../media/media-check-error';
import type { LocalTracks } from './call-media';

export type LocalMediaStatus = 'off' | 'starting' | 'on' | 'failed';

export interface LocalMediaState {
  status: LocalMediaStatus;
  stream: MediaStream | null;
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  cameraId: string | null;
  microphoneId: string | null;
  error: MediaCheckErrorView | null;
}

export type HandOver = (tracks: LocalTracks) => Promise<void>;

export interface LocalMediaControls extends LocalMediaState {
  /** Asks the browser for the camera and microphone: call it from a click, never on page load. */
  start(): Promise<void>;
  /**
   * Switches to another device. In a call, `handOver` sends the new tracks; the old device is
   * turned off only after it resolves (no gap), and if it rejects the old one stays, shown and
   * sent, and the rejection is passed on.
   */
  selectCamera(deviceId: string, handOver?: HandOver): Promise<void>;
  selectMicrophone(deviceId: string, handOver?: HandOver): Promise<void>;
  /** The tracks to send, or nulls for what the person does not have. */
  tracks(): LocalTracks;
  /** Turns the camera and microphone off (the call is over). */
  stop(): void;
}

const videoConstraints = (deviceId?: string): MediaTrackConstraints => ({
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
  ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
});

const audioConstraints = (deviceId?: string): MediaTrackConstraints => ({
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
  ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
});

const offState: LocalMediaState = { status: 'off', stream: null, cameras: [], microphones: [], cameraId: null, microphoneId: null, error: null };

/** Camera first with the microphone; a person without a camera still joins with sound. */
async function openCameraAndMicrophone(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    // Browsers hide mediaDevices outside secure contexts (https or localhost).
    throw new DOMException('navigator.mediaDevices is unavailable; is the page served over https?', 'NotFoundError');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({ video: videoConstraints(), audio: audioConstraints() });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') {
      return navigator.mediaDevices.getUserMedia({ audio: audioConstraints() });
    }
    throw error;
  }
}

const deviceIdOf = (track: MediaStreamTrack | undefined) => track?.getSettings().deviceId ?? null;

const tracksOf = (stream: MediaStream | null): LocalTracks => ({ camera: stream?.getVideoTracks()[0] ?? null, microphone: stream?.getAudioTracks()[0] ?? null });

/**
 * The person's camera and microphone for the pre-call check and the call: off until they
 * click, then a preview stream, the devices to choose from (their names are only readable
 * after permission), and switching between them. The tracks stop when the page goes away.
 */
export function useLocalMedia(): LocalMediaControls {
  const [state, setState] = useState<LocalMediaState>(offState);
  const streamRef = useRef<MediaStream | null>(null);
  // A camera granted after the page went away must be turned off again at once.
  const mounted = useRef(false);

  const listDevices = useCallback(async () => {
    const devices = await navigator.mediaDevices.enumerateDevices();
    setState((current) => ({
      ...current,
      cameras: devices.filter((d) => d.kind === 'videoinput'),
      microphones: devices.filter((d) => d.kind === 'audioinput'),
    }));
  }, []);

  const use = useCallback((stream: MediaStream) => {
    if (!mounted.current) {
      stream.getTracks().forEach((track) => track.stop());
      return;
    }
    streamRef.current = stream;
    setState((current) => ({
      ...current,
      status: 'on',
      stream,
      error: null,
      cameraId: deviceIdOf(stream.getVideoTracks()[0]),
      microphoneId: deviceIdOf(stream.getAudioTracks()[0]),
    }));
  }, []);

  const start = useCallback(async () => {
    if (streamRef.current) return;
    setState((current) => ({ ...current, status: 'starting', error: null }));
    try {
      use(await openCameraAndMicrophone());
      await listDevices();
    } catch (error) {
      setState((current) => ({ ...current, status: 'failed', error: toErrorView(error) }));
    }
  }, [listDevices, use]);

  /** Replaces one kind of track in the stream with one from the chosen device; the other kind stays. */
  const replace = useCallback(
    async (kind: 'video' | 'audio', deviceId: string, handOver?: HandOver) => {
      let fresh: MediaStream;
      try {
        fresh = await navigator.mediaDevices.getUserMedia(kind === 'video' ? { video: videoConstraints(deviceId) } : { audio: audioConstraints(deviceId) });
      } catch (error) {
        setState((state) => ({ ...state, error: toErrorView(error) }));
        return;
      }
      // Read after the wait: another switch may have replaced the stream meanwhile.
      const current = streamRef.current;
      const retired = current?.getTracks().filter((track) => track.kind === kind) ?? [];
      const next = new MediaStream([...fresh.getTracks(), ...(current?.getTracks().filter((track) => track.kind !== kind) ?? [])]);
      use(next);
      try {
        await handOver?.(tracksOf(next));
      } catch (error) {
        // The call still sends the old device: show that one again, and let the new one go.
        fresh.getTracks().forEach((track) => track.stop());
        if (current) use(current);
        throw error;
      }
      retired.forEach((track) => track.stop());
    },
    [use],
  );

  const selectCamera = useCallback((deviceId: string, handOver?: HandOver) => replace('video', deviceId, handOver), [replace]);
  const selectMicrophone = useCallback((deviceId: string, handOver?: HandOver) => replace('audio', deviceId, handOver), [replace]);

  const tracks = useCallback((): LocalTracks => tracksOf(streamRef.current), []);

  const stop = useCallback(() => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setState((current) => ({ ...current, status: 'off', stream: null }));
  }, []);

  useEffect(() => {
    mounted.current = true;
    const onChange = () => {
      if (streamRef.current) void listDevices();
    };
    navigator.mediaDevices?.addEventListener('devicechange', onChange);
    return () => {
      navigator.mediaDevices?.removeEventListener('devicechange', onChange);
      mounted.current = false;
      streamRef.current?.getTracks().forEach((track) => track.stop());
      streamRef.current = null;
    };
  }, [listDevices]);

  return { ...state, start, selectCamera, selectMicrophone, tracks, stop };
}
