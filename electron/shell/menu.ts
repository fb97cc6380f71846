/**
 * The native menus: File, Edit (with undo/redo), View, Help. Items that act on the page send
 * an `app:menu` event; the page shows the same shortcuts in the browser build. Undo and redo
 * are the project's (its change log), sent to the page, which undoes typing instead when a
 * text field has the focus, as the Edit menu of any editor does.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/contract';

export function menuTemplate(send: (command: MenuCommand) => void, options: { isMac: boolean; openHelp: () => void }): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => send('new-project') },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => send('open-project') },
      { label: 'Open Demo Project', click: () => send('open-demo') },
      { type: 'separator' },
      { label: 'Close Project', accelerator: 'CmdOrCtrl+W', click: () => send('close-project') },
      { type: 'separator' },
      options.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => send('undo') },
      { label: 'Redo', accelerator: options.isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y', click: () => send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    submenu: [{ label: 'Realist Workbench Help', click: options.openHelp }],
  };
  return options.isMac ? [{ role: 'appMenu' }, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}
