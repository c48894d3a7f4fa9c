// Main (imports electron). The save and open dialogs behind "Exporter vers…" and "Importer une sauvegarde…".
// The core copies and checks the files; this only asks the user where, attached to our window.
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { BackupTransfers } from '../core/backups/backup-service';

const FILTERS = [{ name: 'Sauvegarde GMAO Atelier', extensions: ['sqlite'] }];

export function backupDialogs(getWindow: () => BrowserWindow | null): BackupTransfers {
  return {
    async chooseExportPath(suggestedName) {
      const window = getWindow();
      const options = {
        title: 'Exporter la sauvegarde',
        // Documents first; a USB stick is one click away in the dialog's side bar.
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        buttonLabel: 'Exporter',
        filters: FILTERS,
      };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseImportPath() {
      const window = getWindow();
      const options = { title: 'Importer une sauvegarde', buttonLabel: 'Importer', filters: FILTERS, properties: ['openFile' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
  };
}
