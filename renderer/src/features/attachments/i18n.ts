// Renderer. Strings of the pièces jointes panel (équipement, DI, OT), French first; English typed against it.
import type { Strings } from '../../i18n/strings';

export const attachmentsFr = {
  attachments: {
    title: 'Pièces jointes',
    hint: 'Photos (JPEG, PNG, WebP) ou documents PDF, 10 Mo au plus chacun.',
    add: 'Ajouter un fichier',
    sending: 'Envoi de « {{name}} »…',
    added: '« {{name}} » ajouté.',
    empty: 'Aucune pièce jointe.',
    loading: 'Chargement des pièces jointes…',
    open: 'Ouvrir',
    openLabel: 'Ouvrir {{name}}',
    delete: 'Supprimer',
    deleteLabel: 'Supprimer {{name}}',
    confirmTitle: 'Supprimer la pièce jointe ?',
    confirmBody: '« {{name}} » sera supprimé pour tout le monde. Cette action est définitive.',
    confirm: 'Supprimer',
    cancel: 'Annuler',
    deleted: '« {{name}} » supprimé.',
    tooLarge: '« {{name}} » dépasse 10 Mo : il n’a pas été envoyé.',
    typeRefused: '« {{name}} » n’est ni une photo (JPEG, PNG, WebP) ni un PDF : il n’a pas été envoyé.',
    meta: '{{size}} · {{date}}',
    metaBy: '{{size}} · {{date}} · {{name}}',
    thumbnail: 'Aperçu de {{name}}',
  },
};

export const attachmentsEn: Strings<typeof attachmentsFr> = {
  attachments: {
    title: 'Attachments',
    hint: 'Photos (JPEG, PNG, WebP) or PDF documents, 10 MB at most each.',
    add: 'Add a file',
    sending: 'Sending "{{name}}"…',
    added: '"{{name}}" added.',
    empty: 'No attachment.',
    loading: 'Loading attachments…',
    open: 'Open',
    openLabel: 'Open {{name}}',
    delete: 'Delete',
    deleteLabel: 'Delete {{name}}',
    confirmTitle: 'Delete the attachment?',
    confirmBody: '"{{name}}" will be deleted for everyone. This cannot be undone.',
    confirm: 'Delete',
    cancel: 'Cancel',
    deleted: '"{{name}}" deleted.',
    tooLarge: '"{{name}}" is larger than 10 MB: it was not sent.',
    typeRefused: '"{{name}}" is neither a photo (JPEG, PNG, WebP) nor a PDF: it was not sent.',
    meta: '{{size}} · {{date}}',
    metaBy: '{{size}} · {{date}} · {{name}}',
    thumbnail: 'Preview of {{name}}',
  },
};
