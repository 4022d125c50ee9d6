// An error or critical health alert on the desktop while the window is in the background (the
// Electron shell grants this one permission, shell/window.ts; a browser asks once). Tagged by check
// and level, so several windows, or a reread, replace one notice rather than stack them.
import type { HealthBanner } from '../../../src-shared/health-model';

export function showHealthOnDesktop(alert: HealthBanner['alerts'][number]): void {
  if (typeof Notification === 'undefined' || document.hasFocus()) return;
  const show = () => {
    const shown = new Notification(`Vigil health: ${alert.level}`, { body: alert.message, tag: `health-${alert.check}-${alert.level}` });
    shown.onclick = () => window.focus();
  };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') void Notification.requestPermission().then((answer) => answer === 'granted' && show());
}
