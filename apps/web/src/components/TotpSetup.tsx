import { useEffect, useRef } from 'react';
import type { TotpEnrollmentView } from '@vetmeet/contracts/client';
import { groupSecretForTyping } from '../accounts/second-factor';
import { QrCode } from './QrCode';
import { SecondFactorForm } from './SecondFactorForm';

interface TotpSetupProps {
  enrollment: TotpEnrollmentView;
  /** Resolves once the code was accepted and two-step sign-in is on; rejects with the ApiError otherwise. */
  onConfirm: (code: string) => Promise<void>;
  onCancel: () => void;
}

/**
 * Adding Vetmeet to an authenticator app: scan the QR code, or type the key by hand (every
 * app supports that), then prove it worked with the first code the app shows.
 */
export function TotpSetup({ enrollment, onConfirm, onCancel }: TotpSetupProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="sub-section" aria-labelledby="totp-setup-title">
      <h3 id="totp-setup-title" ref={headingRef} tabIndex={-1}>
        Set up your authenticator app
      </h3>
      <ol className="steps">
        <li>Open an authenticator app on your phone, or the one in your password manager.</li>
        <li>
          Scan this QR code with it.
          <div className="totp-enrolment">
            <QrCode text={enrollment.otpauthUri} label="QR code that adds Vetmeet to an authenticator app" />
            <div className="totp-manual">
              <p className="small">Cannot scan it? Add an account by hand with this key:</p>
              <p>
                <code className="totp-secret" data-testid="totp-secret">
                  {groupSecretForTyping(enrollment.secretBase32)}
                </code>
              </p>
              <p className="muted small">Choose “time-based” if the app asks: 6 digits, a new code every 30 seconds.</p>
              <p className="small">
                <a href={enrollment.otpauthUri}>Open the key in an authenticator app on this device</a>
              </p>
            </div>
          </div>
        </li>
        <li>
          Enter the code the app now shows for Vetmeet.
          <SecondFactorForm
            id="totp-confirm"
            aria-labelledby="totp-setup-title"
            allowRecoveryCode={false}
            codeLabel="Code from the app"
            submitLabel="Turn on two-step sign-in"
            busyLabel="Turning on…"
            onSubmit={async (proof) => {
              if (proof.code) await onConfirm(proof.code);
            }}
            actions={
              <button type="button" className="button" onClick={onCancel}>
                Cancel
              </button>
            }
          />
        </li>
      </ol>
    </section>
  );
}
