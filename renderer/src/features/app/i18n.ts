// Renderer. Strings for the About screen, logs, error boundary (issue 7), French first; English typed against it.
// Each domain owns its top-level keys, merged into fr.ts and en.ts.
import type { Strings } from '../../i18n/strings';

export const shippingFr = {
  shipping: {
    nav: { about: 'À propos' },
    about: {
      title: 'À propos de GMAO Atelier',
      versionsTitle: 'Versions',
      appVersion: "Version de l'application",
      electron: 'Electron',
      chrome: 'Chromium',
      node: 'Node.js',
      system: 'Système',
      schema: 'Version du schéma de la base',
      notInBrowser: 'Sans objet (version navigateur)',
      dataTitle: 'Données',
      dataMode: 'Mode',
      modes: {
        argument: "Dossier choisi au lancement (option --data-dir)",
        environment: 'Dossier choisi par la variable GMAO_DATA_DIR',
        shared: 'Partagé entre tous les comptes de cet ordinateur',
        configured: 'Dossier fixé par le fichier de configuration',
        user: 'Propre à ce compte de l’ordinateur',
      },
      dataDir: 'Dossier de données',
      configFile: 'Fichier de configuration',
      logDir: 'Dossier des journaux',
      adminOnly: 'Les emplacements des dossiers sont visibles par les administrateurs.',
      openLogs: 'Ouvrir le dossier des journaux',
      opening: 'Ouverture…',
      opened: 'Le dossier des journaux est ouvert dans une autre fenêtre.',
      unavailable: 'Impossible d’ouvrir un dossier depuis le navigateur. Le dossier des journaux est : {{path}}',
      failed: 'Le système n’a pas pu ouvrir le dossier {{path}}.',
      loadFailed: 'Les informations n’ont pas pu être chargées.',
    },
    errorBoundary: {
      title: 'Un problème d’affichage est survenu',
      body: 'Cet écran n’a pas pu s’afficher. Les données déjà enregistrées ne sont pas perdues.',
      hint: 'Rechargez l’application. Si le problème revient, prévenez votre service informatique.',
      reload: 'Recharger',
    },
  },
};

export const shippingEn: Strings<typeof shippingFr> = {
  shipping: {
    nav: { about: 'About' },
    about: {
      title: 'About GMAO Atelier',
      versionsTitle: 'Versions',
      appVersion: 'Application version',
      electron: 'Electron',
      chrome: 'Chromium',
      node: 'Node.js',
      system: 'System',
      schema: 'Database schema version',
      notInBrowser: 'Not applicable (browser version)',
      dataTitle: 'Data',
      dataMode: 'Mode',
      modes: {
        argument: 'Folder chosen at launch (--data-dir option)',
        environment: 'Folder chosen by the GMAO_DATA_DIR variable',
        shared: 'Shared by every account of this computer',
        configured: 'Folder set by the configuration file',
        user: 'Specific to this computer account',
      },
      dataDir: 'Data folder',
      configFile: 'Configuration file',
      logDir: 'Log folder',
      adminOnly: 'Folder locations are shown to administrators.',
      openLogs: 'Open the log folder',
      opening: 'Opening…',
      opened: 'The log folder is open in another window.',
      unavailable: 'Folders cannot be opened from the browser. The log folder is: {{path}}',
      failed: 'The system could not open the folder {{path}}.',
      loadFailed: 'The information could not be loaded.',
    },
    errorBoundary: {
      title: 'A display problem occurred',
      body: 'This screen could not be shown. Data already saved is not lost.',
      hint: 'Reload the application. If the problem comes back, tell your IT department.',
      reload: 'Reload',
    },
  },
};
