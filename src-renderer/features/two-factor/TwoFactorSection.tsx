// Two-factor sign-in for the signed-in user: turn on (key → code → recovery codes) or off (password).
import type { SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { SecretValue } from '../../components/SecretValue';
import { TextField } from '../../components/TextField';
import { CopyButton } from '../../components/CopyButton';
import { useAction } from '../../kit/use-action';
import { useSessionStore } from '../../kit/session-store';
import { useTwoFactorStore } from './store';
import { groupSecret } from './secret-groups';
import { fieldText } from '../../components/native-form';

export function TwoFactorSection() {
  const enabled = useSessionStore((state) => state.session?.totpEnabled ?? false);
  const { enrollment, recoveryCodes } = useTwoFactorStore();

  return (
    <section className="panel" aria-labelledby="settings-two-factor">
      <h2 id="settings-two-factor">
        Two-factor sign-in {enabled ? <Badge tone="success">On</Badge> : <Badge tone="warning">Off</Badge>}
      </h2>
      <p className="panel__description">A code from an authenticator app on your phone, asked for after your password at every sign-in.</p>
      {recoveryCodes ? <RecoveryCodes codes={recoveryCodes} /> : enrollment ? <Enrollment /> : enabled ? <TurnOff /> : <TurnOn />}
    </section>
  );
}

function TurnOn() {
  const begin = useTwoFactorStore((state) => state.begin);
  const action = useAction(begin);
  return (
    <div className="form-stack">
      <ErrorBanner message={action.error?.message} />
      <div className="form-actions">
        <Button variant="primary" onClick={() => void action.run()} busy={action.pending}>
          Turn on
        </Button>
      </div>
    </div>
  );
}

function Enrollment() {
  const enrollment = useTwoFactorStore((state) => state.enrollment);
  const enable = useTwoFactorStore((state) => state.enable);
  const cancel = useTwoFactorStore((state) => state.cancelEnrollment);
  const action = useAction(enable);
  if (!enrollment) return null;

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    await action.run(fieldText(new FormData(event.currentTarget), 'code').trim());
  };

  return (
    <div className="form-stack">
      <p>Enter this key in your authenticator app (choose “enter a setup key” or “time-based”):</p>
      <SecretValue value={groupSecret(enrollment.secret)} testId="totp-secret" label="Setup key" size="md" />
      <details className="otpauth">
        <summary>Setup link for apps that accept one</summary>
        <div className="otpauth__body">
          <code className="copyable-code" data-testid="totp-url">
            {enrollment.otpauthUrl}
          </code>
          <CopyButton value={enrollment.otpauthUrl} />
        </div>
      </details>
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <TextField
          label="Code from the app"
          name="code"
          mono
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          hint="The 6-digit code the app shows now."
          error={action.error?.fields['code']}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={action.pending}>
            Turn on two-factor sign-in
          </Button>
          <Button onClick={cancel}>Cancel</Button>
        </div>
      </form>
    </div>
  );
}

function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  const dismiss = useTwoFactorStore((state) => state.dismissRecoveryCodes);
  return (
    <div className="form-stack">
      <Alert tone="success">Two-factor sign-in is on.</Alert>
      <Alert tone="warning" role="note" title="Save these recovery codes now. They are shown once.">
        Each code signs you in once if your phone is lost. Keep them apart from your phone.
      </Alert>
      <ol className="recovery-codes mono" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="form-actions">
        <CopyButton value={codes.join('\n')} label="Copy all codes" />
        <Button variant="primary" onClick={dismiss}>
          I have saved them
        </Button>
      </div>
    </div>
  );
}

function TurnOff() {
  const disable = useTwoFactorStore((state) => state.disable);
  const action = useAction(disable, { INVALID_CREDENTIALS: 'Wrong password' });
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (await action.run(fieldText(new FormData(form), 'password'))) form.reset();
  };
  return (
    <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorBanner message={action.error?.message} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" hint="Your password, to turn two-factor sign-in off." />
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={action.pending}>
          Turn off
        </Button>
      </div>
    </form>
  );
}
