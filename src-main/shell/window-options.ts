// Builds the main window from the constructor it is given (Electron's BrowserWindow in the app, a
// recorder in tests, so the options are checked without Electron; the literal stays at the `new`
// so Electronegativity reads it too): a sandboxed renderer with context isolation and no Node, and
// no DevTools in a packaged build (a console would let whoever sits at an unlocked app run script
// inside the signed-in session).
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowBuild {
  /** `app.isPackaged`: true for an installed build, false under `electron .` in development. */
  packaged: boolean;
}

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export function constructMainWindow<W>(BrowserWindow: WindowConstructor<W>, preloadPath: string, build: WindowBuild): W {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Vigil',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !build.packaged,
      // Middle-click opens links in new windows, around setWindowOpenHandler's checks.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
