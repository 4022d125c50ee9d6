// The Electron transport: one wrapped ipcMain handler. Every call's sender frame must be our own
// app origin (a navigated or injected frame is refused). Session tokens stay in this process,
// keyed by the window's webContents, so the renderer never holds one.
import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core';
import type { Caller } from '../ipc/router';
import { APP_ORIGIN } from './app-protocol';

/** The preload's call options, checked: anything but `{ background: true }` is a call by the person. */
function isBackgroundCall(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as { background?: unknown }).background === true;
}

export function installElectronTransport(core: Core): () => void {
  const tokens = new Map<number, string>();
  const sessionOfWindow = new Map<number, string>();
  const watched = new Set<number>();

  ipcMain.handle('vigil:invoke', async (event: IpcMainInvokeEvent, channel: unknown, input: unknown, options: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!frameUrl.startsWith(`${APP_ORIGIN}/`) || event.senderFrame !== event.sender.mainFrame) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the app itself' } };
    }
    const id = event.sender.id;
    const caller: Caller = {
      token: tokens.get(id) ?? null,
      client: 'electron',
      background: isBackgroundCall(options),
      bindSession(token) {
        caller.token = token;
        tokens.set(id, token);
      },
      clearSession() {
        caller.token = null;
        tokens.delete(id);
        sessionOfWindow.delete(id);
      },
    };
    const result = await core.router.invoke(channel, input, caller);
    const session = core.services.sessions.findByToken(caller.token);
    if (session) sessionOfWindow.set(id, session.id);
    if (!watched.has(id)) {
      watched.add(id);
      event.sender.once('destroyed', () => {
        watched.delete(id);
        tokens.delete(id);
        sessionOfWindow.delete(id);
      });
    }
    return result;
  });

  const unsubscribe = core.events.subscribe((target, name, payload) => {
    if (target === 'every-window') {
      // Windows without a session too: the sign-in screen shows an upgrade's progress.
      for (const id of watched) webContents.fromId(id)?.send('vigil:event', { event: name, payload });
      return;
    }
    for (const [id, sessionId] of sessionOfWindow) {
      if (target !== 'all' && target.sessionId !== sessionId) continue;
      webContents.fromId(id)?.send('vigil:event', { event: name, payload });
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler('vigil:invoke');
  };
}
