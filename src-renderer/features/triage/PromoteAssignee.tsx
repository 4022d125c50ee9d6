// Who a promoted investigation goes to: the analyst promoting it unless they pick someone else or
// nobody. "Me" sends no assignee at all: main assigns the caller of the session (never an id the
// window chose for "me").
import { useEffect } from 'react';
import { SelectField } from '../../components/SelectField';
import { useSessionStore } from '../../kit/session-store';
import { assignableUsers, useDirectoryStore } from '../investigations/directory-store';

/** The promotion's default: the promoting analyst. */
export const PROMOTE_TO_ME = 'me';

/** The draft's assigneeId for a choice: absent for me (main's default), null for nobody. */
export function promotedAssignee(choice: string): { assigneeId?: string | null } {
  if (choice === PROMOTE_TO_ME) return {};
  return { assigneeId: choice === '' ? null : choice };
}

export function PromoteAssigneeField({ value, onChange }: { value: string; onChange(choice: string): void }) {
  const users = useDirectoryStore((state) => state.directory.data.users);
  const ensureLoaded = useDirectoryStore((state) => state.ensureLoaded);
  const me = useSessionStore((state) => state.session);
  useEffect(() => {
    void ensureLoaded();
  }, [ensureLoaded]);
  return (
    <SelectField label="Assignee" value={value} onChange={(event) => onChange(event.target.value)} data-testid="promote-assignee">
      <option value={PROMOTE_TO_ME}>Me{me ? ` (${me.displayName})` : ''}</option>
      <option value="">Nobody yet (leave it in the queue)</option>
      {assignableUsers(users).filter((user) => user.id !== me?.userId).map((user) => (
        <option key={user.id} value={user.id}>
          {user.displayName} ({user.username})
        </option>
      ))}
    </SelectField>
  );
}
