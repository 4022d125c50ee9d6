// The role of one account, changeable in place when the administrator may manage it.
import { useState } from 'react';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { roleLabel } from '../../format/role';
import { useAction } from '../../kit/use-action';
import type { UserView } from '../../../src-shared/model';
import type { Role } from '../../../src-shared/permissions';
import { useUsersStore } from './store';

export function UserRoleCell({ user, roles, editable }: { user: UserView; roles: readonly Role[]; editable: boolean }) {
  const setRole = useUsersStore((state) => state.setRole);
  const action = useAction(setRole);
  // null: no pending choice, show the saved role. Keeping the choice apart from the saved value means
  // a save (or someone else's change) shows through without remounting the cell and losing focus.
  const [choice, setChoice] = useState<Role | null>(null);
  if (!editable) return <span>{roleLabel(user.role)}</span>;

  const chosen = choice ?? user.role;
  const changed = chosen !== user.role;
  const save = async () => {
    if (await action.run(user.id, chosen)) setChoice(null);
  };
  return (
    <div className="role-cell">
      <div className="role-cell__controls">
        <SelectField label="Role" inline value={chosen} onChange={(event) => setChoice(event.target.value as Role)} error={action.error?.message}>
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </SelectField>
        {/* aria-disabled rather than disabled: the button keeps focus after a save instead of dropping it to <body>. */}
        <Button
          size="sm"
          variant={changed ? 'primary' : 'secondary'}
          aria-disabled={!changed || undefined}
          busy={action.pending}
          onClick={() => {
            if (changed) void save();
          }}
        >
          Save
        </Button>
      </div>
    </div>
  );
}
