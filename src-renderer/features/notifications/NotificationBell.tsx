// The bell in the header: the unread count, and a panel listing the caller's notifications, each a
// link to its item (opening one marks it read). Escape or a click outside closes the panel and
// gives focus back to the bell.
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { formatDateTime } from '../../format/time';
import { useNavigationStore } from '../../kit/navigation';
import { hashFor } from '../../kit/pages';
import type { NotificationItem } from '../../../src-shared/notification-model';
import { useNotificationsStore } from './store';
import './notifications.css';

export function NotificationBell() {
  const { counts, items, loadCounts, loadItems, markRead } = useNotificationsStore();
  const navigate = useNavigationStore((state) => state.navigate);
  const [open, setOpen] = useState(false);
  const bellRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const unread = counts?.unread ?? 0;

  useEffect(() => {
    if (!counts) loadCounts().catch(() => undefined);
  }, [counts, loadCounts]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !bellRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const toggle = () => {
    if (!open) loadItems().catch(() => undefined);
    setOpen(!open);
  };
  const close = () => {
    setOpen(false);
    bellRef.current?.focus();
  };
  const follow = (item: NotificationItem) => {
    if (item.readAt === null) markRead([item.id]).catch(() => undefined);
    setOpen(false);
    navigate(item.link.page, item.link.param);
  };

  return (
    <div className="bell" onKeyDown={(event) => event.key === 'Escape' && open && close()}>
      <button
        ref={bellRef}
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={toggle}
        data-testid="notification-bell"
      >
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
          <path d="M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 2Zm5-5V7a5 5 0 0 0-4-4.9V1a1 1 0 1 0-2 0v1.1A5 5 0 0 0 3 7v4l-1.5 1.5V13h13v-.5L13 11Z" />
        </svg>
        {unread > 0 && (
          <span className="bell__count" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div ref={panelRef} className="bell__panel" role="dialog" aria-label="Notifications" data-testid="notification-panel">
          <div className="bell__head">
            <h2>Notifications</h2>
            <Button size="sm" variant="ghost" disabled={unread === 0} onClick={() => void markRead('all').catch(() => undefined)}>
              Mark all read
            </Button>
          </div>
          {items.error && <p role="alert" className="bell__empty">{items.error}</p>}
          {items.data.length === 0 && !items.error && <p className="bell__empty">{items.status === 'loading' ? 'Loading…' : 'Nothing yet.'}</p>}
          <ul className="bell__list">
            {items.data.map((item) => (
              <li key={item.id} className={item.readAt === null ? 'bell__item is-unread' : 'bell__item'}>
                <a
                  href={hashFor(item.link.page, item.link.param)}
                  onClick={(event) => {
                    event.preventDefault();
                    follow(item);
                  }}
                  data-testid="notification-item"
                >
                  {item.readAt === null && <span className="visually-hidden">Unread: </span>}
                  {item.text}
                </a>
                <span className="bell__time">{formatDateTime(item.createdAt)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The count of actions awaiting the caller's approval, beside the Approvals link. */
export function ApprovalsBadge() {
  const awaiting = useNotificationsStore((state) => state.counts?.awaitingApproval ?? 0);
  if (awaiting === 0) return null;
  return (
    <span className="nav-count" data-testid="approvals-count">
      <span className="visually-hidden">, awaiting your approval: </span>
      {awaiting}
    </span>
  );
}
