/**
 * Wires the API contract to Electron IPC: one `invoke` channel carrying (channel, request),
 * answered by the shared dispatcher, which validates every argument. Calls from any frame but
 * the app's own page are refused.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE } from '../../shared/api/contract';
import type { Result } from '../../shared/api/errors';
import type { ApiService } from '../services/api-service';
import { isAppUrl } from './app-protocol';

export function registerIpc(service: ApiService): void {
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, channel: unknown, request: unknown): Promise<Result<unknown>> => {
    const url = event.senderFrame?.url ?? '';
    if (!isAppUrl(url)) {
      return { ok: false, error: { code: 'UNSUPPORTED', message: 'Calls are only accepted from the app window.' } };
    }
    return service.dispatch(channel, request, { transport: 'ipc' });
  });
}
