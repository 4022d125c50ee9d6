// Saved mapping profiles in the mapping step: apply one, save the mapping on screen under a name
// (a name already in use is replaced only after the analyst confirms), delete the applied one.
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useMappingStore } from './mapping-store';

type Mode = { kind: 'idle' } | { kind: 'naming' } | { kind: 'confirm-replace'; name: string } | { kind: 'confirm-delete' };

const DETECTED = '';
const EDITED = '__edited';

export function ProfileBar() {
  const { profiles, profileId, basedOn, applyProfile, saveProfile, deleteProfile } = useMappingStore();
  const edited = profileId === null && basedOn !== null;
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const applied = profiles.find((p) => p.id === profileId) ?? null;

  const save = async (replace: boolean, chosenName = name.trim()) => {
    if (chosenName === '') {
      setError('Name the profile');
      return;
    }
    setBusy(true);
    const outcome = await saveProfile(chosenName, replace);
    setBusy(false);
    if (outcome.saved) {
      setMode({ kind: 'idle' });
      setError(null);
      setNotice(`Saved as "${chosenName}".`);
    } else if (outcome.exists) {
      setMode({ kind: 'confirm-replace', name: chosenName });
      setError(null);
    } else {
      setError(outcome.error);
    }
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save(false);
  };

  return (
    <div className="import-profiles" data-testid="import-profiles">
      <div className="import-profiles__bar">
        <SelectField
          label="Saved profile"
          inline
          value={profileId ?? (edited ? EDITED : DETECTED)}
          onChange={(event) => {
            setNotice(null);
            if (event.target.value !== EDITED) applyProfile(event.target.value === DETECTED ? null : event.target.value);
          }}
          data-testid="import-profile-select"
        >
          {edited && <option value={EDITED}>{basedOn} (edited)</option>}
          <option value={DETECTED}>Detected from the headers</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </SelectField>
        {mode.kind === 'idle' && (
          <>
            <Button size="sm" onClick={() => { setName(applied?.name ?? basedOn ?? ''); setNotice(null); setMode({ kind: 'naming' }); }} data-testid="import-profile-save-open">
              Save as profile…
            </Button>
            {applied && (
              <Button size="sm" variant="ghost" onClick={() => { setNotice(null); setMode({ kind: 'confirm-delete' }); }} data-testid="import-profile-delete">
                Delete profile
              </Button>
            )}
          </>
        )}
        {profiles.length === 0 && mode.kind === 'idle' && !notice && <span className="import-profiles__none">No saved profiles for this kind of file yet.</span>}
        {notice && <span className="import-profiles__notice" role="status">{notice}</span>}
      </div>
      {mode.kind === 'naming' && (
        <form className="import-profiles__form" onSubmit={submit} noValidate data-testid="import-profile-form">
          <TextField
            label="Profile name"
            value={name}
            maxLength={120}
            autoFocus
            onChange={(event) => { setName(event.target.value); setError(null); }}
            onKeyDown={(event) => { if (event.key === 'Escape') { event.stopPropagation(); event.preventDefault(); setMode({ kind: 'idle' }); } }}
            error={error}
            hint="Saved in this vault for everyone who imports; also usable as vigil import --mapping."
            data-testid="import-profile-name"
          />
          <div className="import-profiles__actions">
            <Button size="sm" onClick={() => { setMode({ kind: 'idle' }); setError(null); }}>Cancel</Button>
            <Button size="sm" type="submit" variant="primary" busy={busy} data-testid="import-profile-save">Save profile</Button>
          </div>
        </form>
      )}
      {mode.kind === 'confirm-replace' && (
        <Alert tone="warning" role="alert" title={`A profile named "${mode.name}" already exists`} testId="import-profile-replace">
          <p>Replace its mapping with the one on screen?</p>
          <div className="import-profiles__actions">
            <Button size="sm" onClick={() => setMode({ kind: 'naming' })} autoFocus>Keep it</Button>
            <Button size="sm" variant="danger" busy={busy} onClick={() => void save(true, mode.name)} data-testid="import-profile-replace-confirm">
              Replace
            </Button>
          </div>
        </Alert>
      )}
      {mode.kind === 'confirm-delete' && applied && (
        <Alert tone="warning" role="alert" title={`Delete the profile "${applied.name}"?`} testId="import-profile-delete-confirm">
          <p>The mapping on screen stays; the profile is gone for everyone in this vault.</p>
          <div className="import-profiles__actions">
            <Button size="sm" onClick={() => setMode({ kind: 'idle' })} autoFocus>Keep it</Button>
            <Button
              size="sm"
              variant="danger"
              busy={busy}
              onClick={async () => {
                setBusy(true);
                const failure = await deleteProfile(applied.id);
                setBusy(false);
                setMode({ kind: 'idle' });
                setNotice(failure ?? `Deleted "${applied.name}".`);
              }}
              data-testid="import-profile-delete-yes"
            >
              Delete
            </Button>
          </div>
        </Alert>
      )}
    </div>
  );
}
