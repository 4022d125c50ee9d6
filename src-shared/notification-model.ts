// What a person is told: assigned to them, an action awaiting their approval, their proposal
// decided, their case's due time near or past. Each links to the item; read state is kept per person.

export const NOTIFICATION_KINDS = [
  'assigned_alerts', 'assigned_investigation', 'approval_awaiting', 'proposal_approved', 'proposal_rejected', 'sla_at_risk', 'sla_breached',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Where a notification leads: a page and its parameter, as the navigation reads them. */
export interface NotificationLink {
  page: 'triage' | 'investigation' | 'approvals';
  param: string | null;
}

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  /** Keys and display names only: what the item is is read through the reader's own rights when they open it. */
  text: string;
  link: NotificationLink;
  createdAt: number;
  readAt: number | null;
}

export interface NotificationList {
  items: NotificationItem[];
  unread: number;
}

/** The header's counts: unread notifications, and actions awaiting the caller's approval (0 without approve_actions). */
export interface NotificationCounts {
  unread: number;
  awaitingApproval: number;
}
