// Who the assign dialog offers, in order: the analyst at the keyboard first (the default: assigning
// is mostly "I take these"), then the other active users, and unassigning last, never preselected.
import type { SessionView } from '../../../src-shared/model';
import type { DirectoryUser, UserRef } from '../../../src-shared/workspace-model';

export interface AssigneeChoice {
  /** A user id, or '' for "nobody". */
  value: string;
  label: string;
}

export const UNASSIGN = '';

/**
 * The choices for `me` (the session's user) and the directory (null while it loads). `me` is offered
 * before the directory arrives, so the default is there from the first frame.
 */
export function assigneeChoices(me: UserRef | null, directory: readonly DirectoryUser[] | null): AssigneeChoice[] {
  const label = (user: UserRef) => `${user.displayName} (${user.username})`;
  const others = (directory ?? []).filter((user) => !user.disabled && user.id !== me?.id);
  return [
    ...(me ? [{ value: me.id, label: `Me: ${label(me)}` }] : []),
    ...others.map((user) => ({ value: user.id, label: label(user) })),
    { value: UNASSIGN, label: 'Nobody (unassign)' },
  ];
}

export function signedInUser(session: SessionView | null): UserRef | null {
  return session ? { id: session.userId, username: session.username, displayName: session.displayName } : null;
}
