/**
 * The narrow bridge between the sandboxed page and the main process: one object,
 * `window.realist`, with `invoke` and `on`, typed by the API contract. A sandboxed preload can
 * only require `electron`, so everything else here is a type-only import, and the two IPC
 * channel names are repeated (a test checks they match shared/api/contract.ts).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RealistBridge } from '../shared/api/bridge';

const IPC_INVOKE = 'realist:invoke';
const IPC_EVENT = 'realist:event';

const bridge = {
  transport: 'electron',
  invoke: (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request),
  on: (event, listener) => {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
} satisfies RealistBridge;

contextBridge.exposeInMainWorld('realist', bridge);
