import { useState } from 'react';
import type { CallSession } from '../../rooms/call-session';
import type { LocalTracks } from '../../rooms/call-media';
import type { LocalMediaControls } from '../../rooms/use-local-media';
import { DeviceSelectors } from './DeviceSelectors';

interface CallDevicesProps {
  id: string;
  session: CallSession;
  localMedia: LocalMediaControls;
}

/**
 * Another camera or microphone in the middle of the call (a headset plugged in, the laptop's
 * camera instead of the phone's): the browser opens the chosen device, the call sends it in
 * place of the old one, and then the old one is turned off.
 */
export function CallDevices({ id, session, localMedia }: CallDevicesProps) {
  const [failure, setFailure] = useState<string | null>(null);
  // One switch at a time: two at once would each start from the same old stream.
  const [switching, setSwitching] = useState(false);

  async function choose(kind: 'camera' | 'microphone', deviceId: string): Promise<void> {
    setFailure(null);
    setSwitching(true);
    try {
      // The call sends the new device before the old one is turned off.
      const handOver = (tracks: LocalTracks) => session.replaceLocalTracks(tracks);
      await (kind === 'camera' ? localMedia.selectCamera(deviceId, handOver) : localMedia.selectMicrophone(deviceId, handOver));
    } catch {
      setFailure(`The call could not switch to that ${kind}. Try again, or choose another.`);
    } finally {
      setSwitching(false);
    }
  }

  return (
    <div id={id} className="call-devices" role="group" aria-label="Camera and microphone">
      <DeviceSelectors
        cameras={localMedia.cameras}
        microphones={localMedia.microphones}
        cameraId={localMedia.cameraId}
        microphoneId={localMedia.microphoneId}
        onCamera={(deviceId) => void choose('camera', deviceId)}
        onMicrophone={(deviceId) => void choose('microphone', deviceId)}
        disabled={switching}
      />
      {(failure ?? localMedia.error) && (
        <p className="notice notice-error" role="alert">
          {failure ?? localMedia.error?.message}
        </p>
      )}
    </div>
  );
}
