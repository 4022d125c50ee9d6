// The role of one account, changeable in place when the administrator may manage it.
import { useState } from 'react';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { roleLabel } from '../../format/role';
import { useAction } from '../../app/use-action';
import type { UserView } from '../../../src-shared/model';
import type { Role } from '../../../src-shared/permissions';
import { useUsersStore } from './store';

export function UserRoleCell({ user, roles, editable }: { user: UserView; roles: readonly Role[]; editable: boolean }) {
  const setRole = useUsersStore((state) => state.setRole);
  const action = useAction(setRole);
  const [chosen, setChosen] = useState<Role>(user.role);
  if (!editable) return <span>{roleLabel(user.role)}</span>;

  const changed = chosen !== user.role;
  return (
    <div className="role-cell">
      <div className="role-cell__controls">
        <SelectField label="Role" inline value={chosen} onChange={(event) => setChosen(event.target.value as Role)} error={action.error?.message}>
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
            if (changed) void action.run(user.id, chosen);
          }}
        >
          Save
        </Button>
      </div>
    </div>
  );
}
