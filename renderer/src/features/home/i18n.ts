// Renderer. Strings of the "Tableau de bord", French first; English typed against it.
import type { Strings } from '../../i18n/strings';

export const dashboardFr = {
  dashboard: {
    title: 'Tableau de bord',
    loading: 'Chargement des compteurs…',
    failed: 'Les compteurs n’ont pas pu être lus. Réessayez dans un instant.',
    newRequests: 'DI nouvelles',
    myNewRequests: 'Mes DI nouvelles',
    toPlan: 'OT à planifier',
    overdue: 'OT en retard',
    waitingParts: 'OT en attente de pièces',
    stoppedEquipment: 'Équipements à l’arrêt',
    mine: 'Mes OT en cours',
  },
};

export const dashboardEn: Strings<typeof dashboardFr> = {
  dashboard: {
    title: 'Dashboard',
    loading: 'Loading the counts…',
    failed: 'The counts could not be read. Try again in a moment.',
    newRequests: 'New requests',
    myNewRequests: 'My new requests',
    toPlan: 'Work orders to plan',
    overdue: 'Overdue work orders',
    waitingParts: 'Work orders waiting for parts',
    stoppedEquipment: 'Equipment stopped',
    mine: 'My open work orders',
  },
};
