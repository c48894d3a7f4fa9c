// Renderer. Strings of the DI triage list ("Demandes d'intervention"), French first; English typed against it.
import type { Strings } from '../../i18n/strings';

export const requestsListFr = {
  requestsList: {
    title: "Demandes d'intervention",
    tableLabel: "Liste des demandes d'intervention",
    viewsLabel: 'Vues',
    views: { 'a-trier': 'À trier', arret: "Machine à l'arrêt", toutes: 'Toutes' },
    columns: { number: 'Numéro', symptom: 'Symptôme', equipment: 'Équipement', location: 'Localisation', status: 'Statut', stopped: 'Arrêt', created: 'Créée le' },
    status: { new: 'Nouvelle', accepted: 'Acceptée', refused: 'Refusée', duplicate: 'Doublon', cancelled: 'Annulée' },
    stopped: "Machine à l'arrêt",
    running: 'En marche',
    becameOrder: 'OT {{number}}',
    reportedBy: 'Signalé par {{name}}',
    filters: { stoppedOnly: "Seulement les machines à l'arrêt", textPlaceholder: 'Numéro, symptôme, équipement' },
    empty: 'Aucune demande ne correspond à ces filtres.',
    newRequest: 'Signaler un problème',
  },
};

export const requestsListEn: Strings<typeof requestsListFr> = {
  requestsList: {
    title: 'Work requests',
    tableLabel: 'Work request list',
    viewsLabel: 'Views',
    views: { 'a-trier': 'To triage', arret: 'Machine stopped', toutes: 'All' },
    columns: { number: 'Number', symptom: 'Symptom', equipment: 'Equipment', location: 'Location', status: 'Status', stopped: 'Stopped', created: 'Created' },
    status: { new: 'New', accepted: 'Accepted', refused: 'Refused', duplicate: 'Duplicate', cancelled: 'Cancelled' },
    stopped: 'Machine stopped',
    running: 'Running',
    becameOrder: 'WO {{number}}',
    reportedBy: 'Reported by {{name}}',
    filters: { stoppedOnly: 'Stopped machines only', textPlaceholder: 'Number, symptom, equipment' },
    empty: 'No work request matches these filters.',
    newRequest: 'Report a problem',
  },
};
