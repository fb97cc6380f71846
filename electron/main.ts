/**
 * The desktop app's entry point: the only module (with electron/shell/* and the preload) that
 * touches the Electron API. Everything it serves comes from the same services the web bridge
 * and the command line use.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { IPC_EVENT } from '../shared/api/contract';
import { createApiService } from './services/api-service';
import { EventHub } from './services/event-hub';
import { createMainWindow, lockDownSession } from './shell/window';
import { handleAppProtocol, registerAppScheme } from './shell/app-protocol';
import { menuTemplate } from './shell/menu';
import { registerIpc } from './shell/ipc';
import { resolveNativeBinding } from './shell/native-binding';

const APP_ROOT = path.resolve(__dirname, '..', '..');
const RENDERER_DIR = path.join(APP_ROOT, 'dist');
const PRELOAD = path.join(__dirname, 'preload.js');

app.enableSandbox();
// Before `ready`: the renderer is served from app://realist, never from file:.
registerAppScheme();

async function start(): Promise<void> {
  await app.whenReady();
  handleAppProtocol(RENDERER_DIR);
  lockDownSession();

  const binding = resolveNativeBinding(APP_ROOT, app.isPackaged);
  if (binding.missing) {
    dialog.showErrorBox(
      'Database module missing',
      `Realist Workbench needs better-sqlite3 built for Electron at\n${binding.missing}\n\n` +
        'Run "npm run rebuild:electron" once (it needs internet access), or use the browser build: "npm run web".',
    );
    app.quit();
    return;
  }

  const events = new EventHub();
  let win: BrowserWindow | null = null;
  const service = createApiService({
    transport: 'electron',
    configDir: app.getPath('userData'),
    projectsDir: path.join(app.getPath('documents'), 'Realist Projects'),
    appVersion: app.getVersion(),
    ...(binding.path ? { nativeBinding: binding.path } : {}),
    emit: (event, payload) => events.emit(event, payload),
    host: {
      async pickPath({ mode, suggestedName, kind, multiple }) {
        const filters = {
          project: [{ name: 'Realist Workbench project', extensions: ['realist'] }],
          records: [
            { name: 'Bibliographic exports', extensions: ['ris', 'nbib', 'txt', 'xml', 'bib', 'enw', 'csv', 'tsv', 'json', 'isi', 'ciw'] },
            { name: 'All files', extensions: ['*'] },
          ],
          documents: [{ name: 'Full texts and transcripts', extensions: ['pdf', 'txt', 'md', 'docx'] }],
          codebook: [{ name: 'Codebooks (REFI-QDA, CSV)', extensions: ['qdc', 'qde', 'csv'] }],
          qdpx: [{ name: 'REFI-QDA projects', extensions: ['qdpx'] }],
          export: [{ name: 'All files', extensions: ['*'] }],
        }[kind];
        const parent = BrowserWindow.getFocusedWindow();
        if (mode === 'save') {
          const options = { title: kind === 'project' ? 'New project' : 'Save as', defaultPath: suggestedName, filters, properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
          const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
          return r.canceled || !r.filePath ? [] : [r.filePath];
        }
        const options = {
          title: kind === 'project' ? 'Open project' : multiple ? 'Choose files' : 'Choose a file',
          properties: multiple ? (['openFile', 'multiSelections'] as const).slice() : (['openFile'] as const).slice(),
          filters,
        };
        const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return r.canceled ? [] : r.filePaths;
      },
    },
  });
  registerIpc(service);
  events.subscribe((event, payload) => win?.webContents.send(IPC_EVENT, event, payload));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate((command) => events.emit('app:menu', { command }), {
        isMac: process.platform === 'darwin',
        openHelp: () => void shell.openPath(path.join(APP_ROOT, 'README.md')),
      }),
    ),
  );

  const projectArg = process.argv.slice(1).find((a) => a.endsWith('.realist'));
  if (projectArg) service.openProject(path.resolve(projectArg));

  win = createMainWindow({ preloadPath: PRELOAD });
  win.on('closed', () => {
    win = null;
  });
  app.on('window-all-closed', () => {
    service.close();
    app.quit();
  });
}

void start();
