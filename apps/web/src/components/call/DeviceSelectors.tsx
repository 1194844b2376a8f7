import { useId } from 'react';

interface DeviceSelectProps {
  label: string;
  devices: readonly MediaDeviceInfo[];
  value: string | null;
  onChange: (deviceId: string) => void;
  disabled?: boolean;
}

function DeviceSelect({ label, devices, value, onChange, disabled = false }: DeviceSelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="input select" value={value ?? ''} onChange={(event) => onChange(event.target.value)} disabled={disabled || devices.length === 0}>
        {devices.length === 0 && <option value="">None found</option>}
        {devices.map((device, index) => (
          <option key={device.deviceId || index} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

interface DeviceSelectorsProps {
  cameras: readonly MediaDeviceInfo[];
  microphones: readonly MediaDeviceInfo[];
  cameraId: string | null;
  microphoneId: string | null;
  onCamera: (deviceId: string) => void;
  onMicrophone: (deviceId: string) => void;
  /** While a switch is under way. */
  disabled?: boolean;
}

/** Which camera and microphone to use; listed once the browser has allowed them, since names are hidden before. */
export function DeviceSelectors({ cameras, microphones, cameraId, microphoneId, onCamera, onMicrophone, disabled }: DeviceSelectorsProps) {
  return (
    <div className="field-row device-selectors">
      <DeviceSelect label="Camera" devices={cameras} value={cameraId} onChange={onCamera} disabled={disabled} />
      <DeviceSelect label="Microphone" devices={microphones} value={microphoneId} onChange={onMicrophone} disabled={disabled} />
    </div>
  );
}
