// Electron entry: app lifecycle only. Everything else is the plain-Node core.
import { app, Menu, powerMonitor } from 'electron';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core';
import { openCommandEndpoint, type CommandEndpoint } from '../ipc/command-endpoint';
import { appLogger } from '../platform/logger';
import { applicationMenuTemplate } from './app-menu';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { installElectronTransport } from './electron-transport';
import { createMainWindow, hardenWebContents } from './window';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | null = null;
  let commands: CommandEndpoint | null = null;
  let logger: ReturnType<typeof appLogger> | null = null;
  let mainWindow: ReturnType<typeof createMainWindow> | null = null;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  void app.whenReady().then(() => {
    // An Electron-ABI build of the SQLite addon, when one was built beside the app
    // (scripts/build-electron-sqlite.js); without one the Node build is used.
    const electronBinding = here('../../native/electron/better_sqlite3.node');
    // Development runs also echo to the terminal; an installed app has only the file.
    logger = appLogger(app.getPath('userData'), { minimum: 'info', stderrMinimum: app.isPackaged ? null : 'info' });
    core = createCore({
      dataDir: app.getPath('userData'),
      holder: 'app',
      logger,
      ...(existsSync(electronBinding) ? { nativeBinding: electronBinding } : {}),
    });
    logger.log('info', 'app started', { version: app.getVersion(), packaged: app.isPackaged });
    serveRenderer(here('../renderer'));
    installElectronTransport(core);
    commands = openCommandEndpoint(core, { logger });
    const build = { packaged: app.isPackaged };
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, build)));
    mainWindow = createMainWindow(here('../preload/preload.cjs'), build);
    // The OS locked the screen or the machine sleeps: lock every session (the key leaves memory).
    powerMonitor.on('lock-screen', () => core?.services.sessions.lockAll('os_lock'));
    powerMonitor.on('suspend', () => core?.services.sessions.lockAll('suspend'));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void commands?.close();
    void core?.close();
    logger?.close();
  });
}
