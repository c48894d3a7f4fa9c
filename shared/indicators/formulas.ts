// Pure (main and renderer). Each KPI's definition in French, as the dashboard's tooltips, the .xlsx and the PDF state
// it (EN 15341 leaves room: these are the choices made, said where the figure is shown).
export const KPI_FORMULAS = {
  mtbf:
    'MTBF = temps de fonctionnement ÷ nombre de défaillances. Défaillance : un arrêt fortuit (DI « machine à l’arrêt ») commencé dans la période et remis en service par un OT correctif (ou pas encore). Temps de fonctionnement : pour chaque équipement du périmètre, le temps calendaire de la période (depuis sa création si elle est plus récente, jusqu’à maintenant au plus tard) moins ses arrêts dans la période — on suppose un fonctionnement requis 24 h/24, 7 j/7.',
  mttr:
    'MTTR = temps total de remise en service ÷ nombre de défaillances remises en service. Chaque temps court de l’arrêt (heure de la DI « machine à l’arrêt ») jusqu’à la remise en service (fin de l’arrêt). Ce n’est pas le temps passé (main-d’œuvre) divisé par le nombre d’OT : c’est l’erreur d’Atlas CMMS.',
  availability:
    'Disponibilité = fonctionnement ÷ (fonctionnement + arrêts), sur le temps calendaire 24 h/24 de la période. Les arrêts comptent tous (fortuits et programmés), coupés aux bornes de la période.',
  backlog:
    'Backlog = somme des durées estimées des OT ouverts (brouillon, planifié, en cours, en attente) ; en semaines = backlog ÷ capacité hebdomadaire de l’équipe (capacité de chaque technicien actif, 35 h par défaut).',
  compliance:
    'Taux de réalisation du préventif = OT préventifs réalisés dans leur tolérance ÷ OT préventifs dus dans la période.',
  ratio: 'Ratio préventif / correctif = heures passées sur les OT préventifs ÷ heures passées sur les OT correctifs, dans la période.',
  cost:
    'Coût = main-d’œuvre (durée de chaque temps × taux horaire en vigueur à son arrêt, sinon celui du technicien, sinon celui de son rôle) + pièces (sorties sur OT au coût moyen, moins les retours) + prestations externes, datés dans la période.',
  topDowntime: 'Les 10 équipements dont les arrêts cumulés dans la période sont les plus longs.',
  topCost: 'Les 10 équipements dont le coût de maintenance dans la période est le plus élevé.',
} as const;

export type KpiKey = keyof typeof KPI_FORMULAS;
