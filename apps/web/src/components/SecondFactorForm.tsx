import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorCode, type SecondFactorPayload } from '@vetmeet/contracts/client';
import { explainSecondFactorFailure, secondFactorProof, type SecondFactorMethod } from '../accounts/second-factor';
import { ApiError } from '../api/api-error';
import { Form } from '../forms/Form';
import { fieldId, localProblems } from '../forms/form-problems';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';

interface SecondFactorFormProps {
  id: string;
  /** Offer "Use a recovery code instead" (signing in, turning off); not when confirming a new authenticator. */
  allowRecoveryCode: boolean;
  submitLabel: string;
  busyLabel: string;
  submitVariant?: 'primary' | 'danger';
  /** Label of the code field. */
  codeLabel?: string;
  /** Focus the code field when the form appears (it is the only thing to do on the page). */
  autoFocus?: boolean;
  onSubmit(proof: SecondFactorPayload): Promise<void>;
  /** More buttons beside the submit button, e.g. Cancel. */
  actions?: ReactNode;
  className?: string;
  'aria-labelledby'?: string;
}

/**
 * Asks for the 6-digit code from the authenticator app or, where allowed, one of the
 * recovery codes instead; explains wrong, used and too many codes above the form.
 */
export function SecondFactorForm({
  id,
  allowRecoveryCode,
  submitLabel,
  busyLabel,
  submitVariant = 'primary',
  codeLabel = 'Code from your authenticator app',
  autoFocus = false,
  onSubmit,
  actions,
  className,
  ...aria
}: SecondFactorFormProps) {
  const [method, setMethod] = useState<SecondFactorMethod>('code');
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const { busy, problems, showProblems, clearProblems, run } = useFormSubmit();
  const switched = useRef(false);

  // After switching between the two kinds of code, the new field takes the focus.
  useEffect(() => {
    if (!switched.current) return;
    document.getElementById(fieldId(id, method))?.focus();
  }, [id, method]);

  function switchMethod(): void {
    switched.current = true;
    clearProblems();
    setMethod(method === 'code' ? 'recoveryCode' : 'code');
  }

  function submit(): void {
    const checked = secondFactorProof(method, method === 'code' ? code : recoveryCode);
    if ('problems' in checked) {
      const found = localProblems(checked.problems);
      if (found) showProblems(found);
      return;
    }
    void run(
      async () => {
        try {
          await onSubmit(checked.proof);
        } catch (error) {
          // A wrong app code is not worth correcting: the next one is a new number.
          if (error instanceof ApiError && error.code === ErrorCode.SecondFactorInvalid && method === 'code') setCode('');
          throw error;
        }
      },
      { explainMessage: (error) => explainSecondFactorFailure(error, method) },
    );
  }

  return (
    <Form id={id} problems={problems} busy={busy} onSubmit={submit} className={className} {...aria}>
      {method === 'code' ? (
        <TextField
          key="code"
          name="code"
          label={codeLabel}
          hint="The 6 digits your authenticator app shows for Vetmeet. They change every 30 seconds."
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          className="input-short input-code"
          autoFocus={autoFocus}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      ) : (
        <TextField
          key="recoveryCode"
          name="recoveryCode"
          label="Recovery code"
          hint="One of the codes you saved when you turned on two-step sign-in, like k7m2p-9xq4r. Each works once."
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          className="input-medium input-code"
          value={recoveryCode}
          onChange={(event) => setRecoveryCode(event.target.value)}
        />
      )}
      {allowRecoveryCode && (
        <p className="field-switch">
          <button type="button" className="link-button" onClick={switchMethod}>
            {method === 'code' ? 'Use a recovery code instead' : 'Use the code from your authenticator app instead'}
          </button>
        </p>
      )}
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel={busyLabel} variant={submitVariant}>
          {submitLabel}
        </SubmitButton>
        {actions}
      </div>
    </Form>
  );
}
