import { useEffect, useRef, useState } from 'react';
import { recoveryCodesText } from '../accounts/second-factor';
import { saveFile } from '../files/save-file';
import { StatusMessage } from './StatusMessage';

interface RecoveryCodesProps {
  codes: string[];
  email: string;
  onDone: () => void;
}

/**
 * The recovery codes, shown once right after two-step sign-in is turned on: the server
 * keeps only their hashes, so this is the one chance to copy, download or write them down.
 */
export function RecoveryCodes({ codes, email, onDone }: RecoveryCodesProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [copyError, setCopyError] = useState<string | null>(null);

  useEffect(() => headingRef.current?.focus(), []);

  async function copy(): Promise<void> {
    setStatus(null);
    setCopyError(null);
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setStatus(`The ${codes.length} recovery codes were copied.`);
    } catch {
      setCopyError('This browser did not let us copy. Select the codes and copy them, or download them as text.');
    }
  }

  function download(): void {
    setCopyError(null);
    saveFile(new Blob([recoveryCodesText(codes, email, new Date())], { type: 'text/plain;charset=utf-8' }), 'vetmeet-recovery-codes.txt');
    setStatus('The codes were saved as vetmeet-recovery-codes.txt.');
  }

  return (
    <section className="sub-section" aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title" ref={headingRef} tabIndex={-1}>
        Save your recovery codes
      </h3>
      <div className="notice notice-info">
        <p>
          <strong>Store these codes somewhere safe and private</strong>, such as a password manager, or print them. If you lose your phone, each code
          signs you in once. <strong>You will not see them again.</strong>
        </p>
      </div>
      <ol className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="button" onClick={download}>
          Download as text
        </button>
      </div>
      <StatusMessage message={status} />
      {copyError && (
        <p className="notice notice-error" role="alert">
          {copyError}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onDone}>
          I have saved my codes
        </button>
      </div>
    </section>
  );
}
