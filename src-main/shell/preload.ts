// The preload: exposes exactly two functions to the sandboxed renderer, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, type EventName, type InvokeOptions, type VigilBridge } from '../../src-shared/events';

const bridge: VigilBridge = {
  invoke: (channel: string, input: unknown, options?: InvokeOptions) =>
    ipcRenderer.invoke('vigil:invoke', channel, input, { background: options?.background === true }),
  on(event: EventName, listener: (payload: unknown) => void) {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    const wrapped = (_event: IpcRendererEvent, message: { event: EventName; payload: unknown }) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on('vigil:event', wrapped);
    return () => {
      ipcRenderer.removeListener('vigil:event', wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('vigil', bridge);
