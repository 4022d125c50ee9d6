// Enrolling this vault with the organisation's sync server (administrators): the server's address,
// the one-time token its administrator gave, and a name for this device. A refusal is worded by the
// server's code (a used token, an address off this machine over plain HTTP, no answer).
import { useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { fieldText } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import { useSessionStore } from '../../kit/session-store';
import { VigilError } from '../../../src-shared/errors';
import { ENROL_ERROR_WORDS } from './sync-words';
import { useSyncStore } from './store';

/** The server's refusal in words for this form; the field-level VALIDATION (a malformed URL) keeps its fields. */
function enrolFailure(error: unknown): unknown {
  if (!(error instanceof VigilError)) return error;
  const code = error.details?.['code'];
  const words = typeof code === 'string' ? ENROL_ERROR_WORDS[code] : undefined;
  return words ? new VigilError(error.code, words, { code }) : error;
}

export function EnrolForm() {
  const enrol = useSyncStore((state) => state.enrol);
  const vaultName = useSessionStore((state) => state.vaultName);
  const action = useAction(async (serverUrl: string, token: string, deviceName: string) => {
    try {
      await enrol(serverUrl, token, deviceName);
    } catch (error) {
      throw enrolFailure(error);
    }
  });
  const [deviceName, setDeviceName] = useState(vaultName ?? '');

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    await action.run(fieldText(data, 'serverUrl'), fieldText(data, 'token'), deviceName);
  };

  return (
    <section className="panel sync-enrol" aria-labelledby="sync-enrol-title" data-testid="sync-enrol">
      <h2 id="sync-enrol-title">Enrol with a sync server</h2>
      <p className="panel__description">
        This vault keeps its data on this computer only. Enrolled with your organisation&apos;s server, it sends its changes there and
        receives the other devices&apos; — encrypted in transit; the credential stays inside this vault.
      </p>
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <TextField
          label="Server address"
          name="serverUrl"
          required
          type="url"
          mono
          autoComplete="off"
          spellCheck={false}
          placeholder="https://sync.example.org"
          hint="https:// — plain http:// only for a server on this computer."
          error={action.error?.fields['serverUrl']}
          data-testid="sync-enrol-url"
        />
        <div className="form-row">
          <TextField
            label="Enrolment token"
            name="token"
            required
            mono
            autoComplete="off"
            spellCheck={false}
            hint="One-time, from the server's administrator; it expires."
            error={action.error?.fields['token']}
            data-testid="sync-enrol-token"
          />
          <TextField
            label="This device's name"
            name="deviceName"
            required
            maxLength={120}
            value={deviceName}
            onChange={(event) => setDeviceName(event.target.value)}
            hint="How the organisation's device list names this computer."
            error={action.error?.fields['deviceName']}
            data-testid="sync-enrol-device"
          />
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={action.pending} data-testid="sync-enrol-submit">
            Enrol
          </Button>
        </div>
      </form>
    </section>
  );
}
