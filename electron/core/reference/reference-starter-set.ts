// Pure (Node). The French lists a new plant starts with, so the first corrective OT can be finished on day one; the
// administrator renames, reorders or deactivates them afterwards. Codes are made from the labels once and never change.
import type { ReferenceListName } from '../../../shared/reference/contract';
import { foldText } from '../kernel/db/text-search';

export const REFERENCE_STARTER_SET: Record<ReferenceListName, readonly string[]> = {
  symptom: ['Fuite', 'Bruit anormal', 'Vibration', 'Surchauffe', 'Ne démarre pas', 'Arrêt intempestif', 'Défaut électrique', 'Casse mécanique'],
  cause: ['Usure', 'Desserrage', 'Encrassement', 'Défaut de lubrification', 'Mauvaise utilisation', 'Défaut électrique', 'Pièce défectueuse', 'Cause inconnue'],
  remedy: ['Remplacement pièce', 'Réglage', 'Resserrage', 'Nettoyage', 'Lubrification', 'Réparation', 'Remise à zéro / réarmement'],
  category: ['Presse', 'Convoyeur', 'Compresseur', 'Pompe', 'Robot', 'Machine-outil', 'Four', 'Utilités'],
};

/** "Remise à zéro / réarmement" → "remise-a-zero-rearmement": lower case, no accents, dashes. */
export function codeFromLabel(label: string): string {
  return foldText(label)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}
