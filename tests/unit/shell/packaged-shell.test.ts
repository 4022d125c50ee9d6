// The packaged Electron shell, checked without Electron: the main window is built by a recorder
// standing in for BrowserWindow, and the menu is read from its template. A packaged build has no
// DevTools and a menu of app, edit and window roles only (no reload, no Toggle Developer Tools).
import { describe, expect, it } from 'vitest';
import { constructMainWindow, type WindowConstructor } from '../../../src-main/shell/window-options';
import { applicationMenuTemplate } from '../../../src-main/shell/app-menu';

// Electron's own types, reached through the shell's signatures (only the shell imports electron).
type BrowserWindowConstructorOptions = ConstructorParameters<WindowConstructor<unknown>>[0];
type MenuItemConstructorOptions = ReturnType<typeof applicationMenuTemplate>[number];

class RecordingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

const PLATFORMS: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];

function everyItem(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? everyItem(item.submenu) : [])]);
}

describe('the packaged shell', () => {
  it('builds the main window without DevTools when packaged, sandboxed and isolated', () => {
    const { webPreferences } = constructMainWindow(RecordingWindow, '/app/preload.cjs', { packaged: true }).options;
    expect(webPreferences).toMatchObject({
      devTools: false, sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false, preload: '/app/preload.cjs',
    });
  });

  it('keeps DevTools for a development run (electron . from the source tree)', () => {
    expect(constructMainWindow(RecordingWindow, '/p', { packaged: false }).options.webPreferences?.devTools).toBe(true);
  });

  it.each(PLATFORMS)('gives a packaged build on %s only app, edit and window menus, with no reload or DevTools', (platform) => {
    const template = applicationMenuTemplate(platform, { packaged: true });
    const roles = everyItem(template).flatMap((item) => (item.role ? [item.role] : []));
    expect(roles.every((role) => ['appMenu', 'editMenu', 'windowMenu', 'quit'].includes(role))).toBe(true);
    expect(template.map((item) => item.role ?? item.label)).toEqual([platform === 'darwin' ? 'appMenu' : 'Vigil', 'editMenu', 'windowMenu']);
    expect(everyItem(template).some((item) => item.click !== undefined || item.accelerator !== undefined)).toBe(false);
  });

  it('offers reload and DevTools only in development', () => {
    const roles = everyItem(applicationMenuTemplate('linux', { packaged: false })).map((item) => item.role);
    expect(roles).toContain('toggleDevTools');
    expect(roles).toContain('reload');
  });
});
