// The newest notification on the desktop while the window is in the background (the Electron shell
// grants this one permission; a browser asks the person once). Its text is what the bell shows:
// keys and names only. Clicking it brings the window forward, where the bell lists it.
import type { NotificationItem } from '../../../src-shared/notification-model';

export function showOnDesktop(item: NotificationItem): void {
  if (typeof Notification === 'undefined' || document.hasFocus()) return;
  const show = () => {
    const shown = new Notification('Vigil', { body: item.text, tag: item.id });
    shown.onclick = () => window.focus();
  };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') void Notification.requestPermission().then((answer) => answer === 'granted' && show());
}
