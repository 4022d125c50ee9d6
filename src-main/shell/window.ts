// The main window, hardened: sandboxed renderer, context isolation, no Node, no navigation away,
// no new windows, no permission grants but desktop notifications, no middle-click. Nothing in the app links to the web yet,
// so window.open is denied outright rather than handed to shell.openExternal.
import { BrowserWindow, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol';
import { constructMainWindow, type WindowBuild } from './window-options';

export function createMainWindow(preloadPath: string, build: WindowBuild): BrowserWindow {
  const window = constructMainWindow(BrowserWindow, preloadPath, build);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/**
 * The one permission the renderer gets: desktop notifications, so news for the bell (assigned to
 * you, awaiting your approval) reaches a person whose window is in the background. They carry the
 * notification's short text only (keys and names), as the bell does.
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

/** Applied to every webContents the app ever creates. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_contents, permission, callback) => callback(GRANTED_PERMISSIONS.has(permission)));
  contents.session.setPermissionCheckHandler((_contents, permission) => GRANTED_PERMISSIONS.has(permission));
}
