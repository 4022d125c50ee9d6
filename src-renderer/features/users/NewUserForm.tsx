// Creates an account with a one-time password; roles offered stop at the administrator's own.
import { useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { roleLabel } from '../../format/role';
import { useAction } from '../../kit/use-action';
import type { Role } from '../../../src-shared/permissions';
import { useUsersStore } from './store';
import { grantableRoles } from './user-status';
import { fieldText } from '../../components/native-form';

export function NewUserForm({ ownRole, onDone }: { ownRole: Role; onDone(): void }) {
  const create = useUsersStore((state) => state.create);
  const action = useAction(create);
  const roles = grantableRoles(ownRole);
  const [role, setRole] = useState<Role>(roles.includes('analyst') ? 'analyst' : (roles[0] ?? 'viewer'));

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const created = await action.run({ username: fieldText(data, 'username'), displayName: fieldText(data, 'displayName'), role });
    if (created) onDone();
  };

  return (
    <section className="panel" aria-labelledby="new-user-title">
      <h2 id="new-user-title">New user</h2>
      <p className="panel__description">Vigil creates a one-time password for the account; the user chooses their own at first sign-in.</p>
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <div className="form-row">
          <TextField
            label="Username"
            name="username"
            required
            autoFocus
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            hint="2–32 characters: letters, digits, dot, dash, underscore."
            error={action.error?.fields['username']}
          />
          <TextField label="Display name" name="displayName" required autoComplete="off" error={action.error?.fields['displayName']} />
          <SelectField label="Role" name="role" value={role} onChange={(event) => setRole(event.target.value as Role)} hint="Up to your own role.">
            {roles.map((option) => (
              <option key={option} value={option}>
                {roleLabel(option)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={action.pending}>
            Create user
          </Button>
          <Button onClick={onDone}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}
