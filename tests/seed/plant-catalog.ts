// Node (dev only). The French vocabulary of the demonstration plant `npm run seed` writes: people's names, sites,
// ateliers and lines, machine families with their sub-assemblies and components, the reference lists' starter set,
// and the phrases of requests, work orders and comments. Plain data, no logic: seed-plant.ts draws from it.

export const FIRST_NAMES = [
  'Julien', 'Nathalie', 'Thomas', 'Sophie', 'Nicolas', 'Isabelle', 'Sébastien', 'Céline', 'Mathieu', 'Sandrine',
  'Christophe', 'Valérie', 'Laurent', 'Aurélie', 'Stéphane', 'Émilie', 'Olivier', 'Caroline', 'David', 'Hélène',
  'François', 'Camille', 'Jérôme', 'Élodie', 'Frédéric', 'Anaïs', 'Cédric', 'Manon', 'Yannick', 'Léa',
  'Karim', 'Samia', 'Mehdi', 'Inès', 'Grégory', 'Chloé', 'Benoît', 'Margaux', 'Rémi', 'Pauline',
  'Thierry', 'Sylvie', 'Hugo', 'Clémence', 'Damien', 'Agnès', 'Jérémy', 'Océane', 'Loïc', 'Noémie',
] as const;

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand',
  'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin',
  'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson',
] as const;

/** Two sites, three ateliers/zones each, five lines per zone (30 lines). */
export const SITES = [
  {
    code: 'LYO',
    name: 'Site de Lyon – Vénissieux',
    zones: [
      { code: 'PRS', name: 'Atelier Presses', lines: ['Emboutissage', 'Découpe', 'Pliage', 'Emboutissage', 'Reprise'], families: ['PRS', 'CNV', 'ROB', 'CHG'] },
      { code: 'SOU', name: 'Atelier Soudure', lines: ['Soudure robotisée', 'Soudure manuelle', 'Sertissage', 'Soudure robotisée', 'Contrôle'], families: ['SOU', 'ROB', 'CNV', 'CTL'] },
      { code: 'UTL', name: 'Zone Utilités', lines: ['Air comprimé', 'Froid industriel', 'Chaufferie', 'Traitement des eaux', 'Électricité HT'], families: ['CMP', 'FRD', 'CHF', 'POM', 'TRF'] },
    ],
  },
  {
    code: 'STE',
    name: 'Site de Saint-Étienne',
    zones: [
      { code: 'USI', name: 'Atelier Usinage', lines: ['Tournage', 'Fraisage', 'Rectification', 'Perçage', 'Tournage'], families: ['TOU', 'FRA', 'RCT', 'CNV'] },
      { code: 'PEI', name: 'Atelier Peinture', lines: ['Cataphorèse', 'Poudrage', 'Cuisson', 'Préparation de surface', 'Retouche'], families: ['CAB', 'FOU', 'CNV', 'POM'] },
      { code: 'MON', name: 'Atelier Montage et expédition', lines: ['Assemblage', 'Emballage', 'Palettisation', 'Assemblage', 'Expédition'], families: ['ASM', 'EMB', 'ROB', 'CNV', 'CHG'] },
    ],
  },
] as const;

export interface ComponentTemplate {
  suffix: string;
  designation: string;
}

export interface SubAssemblyTemplate {
  suffix: string;
  designation: string;
  components: readonly ComponentTemplate[];
}

export interface FamilyTemplate {
  /** The code prefix: PRS-0042. */
  prefix: string;
  /** One of the category list's labels. */
  category: string;
  designations: readonly string[];
  manufacturers: readonly { name: string; models: readonly string[] }[];
  subAssemblies: readonly SubAssemblyTemplate[];
}

const HYDRAULIC: SubAssemblyTemplate = {
  suffix: 'HYD',
  designation: 'Groupe hydraulique',
  components: [
    { suffix: 'PMP', designation: 'Pompe à palettes' },
    { suffix: 'ACC', designation: 'Accumulateur' },
    { suffix: 'FLT', designation: 'Filtre retour' },
    { suffix: 'DST', designation: 'Distributeur proportionnel' },
  ],
};
const ELECTRICAL: SubAssemblyTemplate = {
  suffix: 'ELE',
  designation: 'Armoire électrique',
  components: [
    { suffix: 'API', designation: 'Automate programmable' },
    { suffix: 'VAR', designation: 'Variateur de vitesse' },
    { suffix: 'ALM', designation: 'Alimentation 24 V' },
  ],
};
const SAFETY: SubAssemblyTemplate = {
  suffix: 'SEC',
  designation: 'Protections et sécurités',
  components: [
    { suffix: 'BAR', designation: 'Barrière immatérielle' },
    { suffix: 'AU', designation: "Coup-de-poing d'arrêt d'urgence" },
  ],
};
const LUBRICATION: SubAssemblyTemplate = {
  suffix: 'LUB',
  designation: 'Centrale de graissage',
  components: [{ suffix: 'PMP', designation: 'Pompe de graissage' }],
};
const DRIVE: SubAssemblyTemplate = {
  suffix: 'MOT',
  designation: "Motorisation d'entraînement",
  components: [
    { suffix: 'MOT', designation: 'Moteur asynchrone' },
    { suffix: 'RED', designation: 'Réducteur' },
    { suffix: 'ACP', designation: "Accouplement élastique" },
  ],
};

export const FAMILIES: Record<string, FamilyTemplate> = {
  PRS: {
    prefix: 'PRS',
    category: 'Presses',
    designations: ['Presse hydraulique 250 t', 'Presse hydraulique 400 t', 'Presse mécanique 160 t', 'Presse à transfert 630 t', 'Presse plieuse 100 t'],
    manufacturers: [{ name: 'Schuler', models: ['MSD 250', 'TBS 630'] }, { name: 'Pinette Emidecau', models: ['PEI 400', 'PEI 250'] }, { name: 'Amada', models: ['HFE 100', 'HG 1303'] }],
    subAssemblies: [HYDRAULIC, ELECTRICAL, SAFETY, LUBRICATION, { suffix: 'CUL', designation: 'Coulisseau', components: [{ suffix: 'GLI', designation: 'Glissières' }, { suffix: 'CAP', designation: 'Capteur de position' }] }],
  },
  CNV: {
    prefix: 'CNV',
    category: 'Convoyeurs',
    designations: ['Convoyeur à bande', 'Convoyeur à rouleaux motorisés', 'Convoyeur aérien à chaîne', 'Table tournante de transfert'],
    manufacturers: [{ name: 'Interroll', models: ['RollerDrive EC5000', 'CB 2000'] }, { name: 'Transitic', models: ['TC 800', 'TR 400'] }],
    subAssemblies: [DRIVE, { suffix: 'BND', designation: 'Bande et tambours', components: [{ suffix: 'TMB', designation: 'Tambour de tête' }, { suffix: 'TND', designation: 'Tendeur' }] }, ELECTRICAL, SAFETY],
  },
  ROB: {
    prefix: 'ROB',
    category: 'Robots',
    designations: ['Robot de manutention 6 axes', 'Robot de soudure 6 axes', 'Robot palettiseur 4 axes'],
    manufacturers: [{ name: 'Fanuc', models: ['M-20iD/25', 'R-2000iC'] }, { name: 'ABB', models: ['IRB 6700', 'IRB 460'] }, { name: 'Stäubli', models: ['TX2-90', 'TX2-160'] }],
    subAssemblies: [{ suffix: 'BRA', designation: 'Bras robot', components: [{ suffix: 'AX1', designation: 'Axe 1 – moteur et réducteur' }, { suffix: 'AX4', designation: 'Axe 4 – poignet' }] }, { suffix: 'BAI', designation: 'Baie de commande', components: [{ suffix: 'CPU', designation: 'Carte processeur' }] }, { suffix: 'PRE', designation: 'Préhenseur', components: [{ suffix: 'VEN', designation: 'Ventouses' }] }, SAFETY],
  },
  CHG: {
    prefix: 'CHG',
    category: 'Manutention',
    designations: ['Pont roulant 10 t', 'Chariot filoguidé', 'Potence pivotante 500 kg'],
    manufacturers: [{ name: 'Demag', models: ['EKKE 10', 'KBK'] }, { name: 'Verlinde', models: ['Eurobloc VT', 'Stagemaker'] }],
    subAssemblies: [{ suffix: 'LEV', designation: 'Palan de levage', components: [{ suffix: 'CAB', designation: 'Câble de levage' }, { suffix: 'FRN', designation: 'Frein moteur' }] }, { suffix: 'TRL', designation: 'Translation', components: [{ suffix: 'GAL', designation: 'Galets' }] }, ELECTRICAL],
  },
  SOU: {
    prefix: 'SOU',
    category: 'Soudage',
    designations: ['Poste de soudure MIG 400 A', 'Soudeuse par points', 'Cellule de soudure laser'],
    manufacturers: [{ name: 'Lincoln Electric', models: ['Powertec i420', 'Speedtec 400'] }, { name: 'ARO Welding', models: ['PX 250', 'Gun 2000'] }],
    subAssemblies: [{ suffix: 'GEN', designation: 'Générateur de soudage', components: [{ suffix: 'TRF', designation: 'Transformateur' }, { suffix: 'REF', designation: 'Refroidisseur' }] }, { suffix: 'TOR', designation: 'Torche et dévidoir', components: [{ suffix: 'DEV', designation: 'Dévidoir' }] }, SAFETY],
  },
  CTL: {
    prefix: 'CTL',
    category: 'Contrôle et mesure',
    designations: ['Banc de contrôle dimensionnel', 'Machine à mesurer tridimensionnelle', "Banc d'étanchéité"],
    manufacturers: [{ name: 'Zeiss', models: ['Contura', 'Accura'] }, { name: 'Mitutoyo', models: ['Crysta-Apex', 'Strato'] }],
    subAssemblies: [{ suffix: 'PAL', designation: 'Palpeur', components: [{ suffix: 'TET', designation: 'Tête de palpage' }] }, ELECTRICAL],
  },
  CMP: {
    prefix: 'CMP',
    category: 'Utilités',
    designations: ['Compresseur à vis 75 kW', 'Compresseur à vis 45 kW', "Sécheur d'air frigorifique"],
    manufacturers: [{ name: 'Atlas Copco', models: ['GA 75 VSD', 'GA 45'] }, { name: 'Kaeser', models: ['CSD 105', 'ASD 60'] }],
    subAssemblies: [{ suffix: 'VIS', designation: 'Bloc vis', components: [{ suffix: 'ROU', designation: 'Roulements' }, { suffix: 'SEP', designation: 'Séparateur huile' }] }, DRIVE, ELECTRICAL],
  },
  FRD: {
    prefix: 'FRD',
    category: 'Utilités',
    designations: ["Groupe froid 300 kW", 'Tour aéroréfrigérante'],
    manufacturers: [{ name: 'Carrier', models: ['30XA', 'AquaSnap'] }, { name: 'Trane', models: ['RTAF', 'CGAM'] }],
    subAssemblies: [{ suffix: 'CPR', designation: 'Compresseur frigorifique', components: [{ suffix: 'VAN', designation: 'Vanne de détente' }] }, { suffix: 'CND', designation: 'Condenseur', components: [{ suffix: 'VEN', designation: 'Ventilateurs' }] }, ELECTRICAL],
  },
  CHF: {
    prefix: 'CHF',
    category: 'Utilités',
    designations: ['Chaudière gaz 1 MW', 'Brûleur de four'],
    manufacturers: [{ name: 'Viessmann', models: ['Vitocrossal 200', 'Vitoplex 300'] }, { name: 'Weishaupt', models: ['WM-G20', 'WM-G30'] }],
    subAssemblies: [{ suffix: 'BRU', designation: 'Brûleur', components: [{ suffix: 'ELC', designation: "Électrode d'allumage" }, { suffix: 'VNT', designation: 'Ventilateur de combustion' }] }, { suffix: 'REG', designation: 'Régulation', components: [] }],
  },
  POM: {
    prefix: 'POM',
    category: 'Pompes et fluides',
    designations: ['Pompe centrifuge 30 m³/h', 'Pompe doseuse', 'Station de relevage'],
    manufacturers: [{ name: 'Grundfos', models: ['CR 32', 'DDA 30'] }, { name: 'KSB', models: ['Etanorm 65', 'Amarex'] }],
    subAssemblies: [{ suffix: 'HYD', designation: 'Partie hydraulique', components: [{ suffix: 'GAR', designation: 'Garniture mécanique' }, { suffix: 'ROU', designation: 'Roue' }] }, DRIVE],
  },
  TRF: {
    prefix: 'TRF',
    category: 'Électricité',
    designations: ['Transformateur HTA/BT 1 250 kVA', 'Tableau général basse tension', 'Batterie de condensateurs'],
    manufacturers: [{ name: 'Schneider Electric', models: ['Trihal', 'Okken'] }, { name: 'Legrand', models: ['XL³ 6300', 'Alptec'] }],
    subAssemblies: [{ suffix: 'PRT', designation: 'Protections', components: [{ suffix: 'DIS', designation: 'Disjoncteur général' }] }, { suffix: 'MES', designation: 'Mesures', components: [] }],
  },
  TOU: {
    prefix: 'TOU',
    category: 'Machines-outils',
    designations: ['Tour CN bi-broche', 'Tour à commande numérique', 'Centre de tournage 5 axes'],
    manufacturers: [{ name: 'DMG Mori', models: ['NLX 2500', 'CTX beta 800'] }, { name: 'Mazak', models: ['QT-250', 'Integrex i-200'] }],
    subAssemblies: [{ suffix: 'BRO', designation: 'Broche principale', components: [{ suffix: 'ROU', designation: 'Roulements de broche' }, { suffix: 'COD', designation: 'Codeur' }] }, { suffix: 'TOU', designation: 'Tourelle porte-outils', components: [{ suffix: 'IND', designation: "Indexeur" }] }, LUBRICATION, ELECTRICAL],
  },
  FRA: {
    prefix: 'FRA',
    category: 'Machines-outils',
    designations: ["Centre d'usinage vertical", "Centre d'usinage horizontal", 'Fraiseuse 5 axes'],
    manufacturers: [{ name: 'Haas', models: ['VF-4', 'EC-400'] }, { name: 'Hermle', models: ['C 42', 'C 32'] }, { name: 'DMG Mori', models: ['DMU 65', 'NHX 5000'] }],
    subAssemblies: [{ suffix: 'BRO', designation: 'Broche', components: [{ suffix: 'ROU', designation: 'Roulements de broche' }] }, { suffix: 'MAG', designation: "Magasin d'outils", components: [{ suffix: 'CHG', designation: "Changeur d'outils" }] }, { suffix: 'ARR', designation: "Groupe d'arrosage", components: [{ suffix: 'PMP', designation: "Pompe d'arrosage" }] }, ELECTRICAL],
  },
  RCT: {
    prefix: 'RCT',
    category: 'Machines-outils',
    designations: ['Rectifieuse plane', 'Rectifieuse cylindrique'],
    manufacturers: [{ name: 'Studer', models: ['S33', 'S41'] }, { name: 'Jones & Shipman', models: ['1400', 'Ultramat'] }],
    subAssemblies: [{ suffix: 'MEU', designation: 'Tête porte-meule', components: [{ suffix: 'ROU', designation: 'Roulements' }] }, HYDRAULIC, ELECTRICAL],
  },
  CAB: {
    prefix: 'CAB',
    category: 'Traitement de surface',
    designations: ['Cabine de poudrage', 'Bain de cataphorèse', 'Tunnel de dégraissage'],
    manufacturers: [{ name: 'Wagner', models: ['SuperCenter', 'PrimaSprint'] }, { name: 'Eisenmann', models: ['KTL 4000', 'VBH 2'] }],
    subAssemblies: [{ suffix: 'VEN', designation: 'Extraction et ventilation', components: [{ suffix: 'FLT', designation: 'Filtres' }, { suffix: 'MOT', designation: "Moteur d'extraction" }] }, { suffix: 'APP', designation: "Pistolets d'application", components: [] }, ELECTRICAL],
  },
  FOU: {
    prefix: 'FOU',
    category: 'Traitement de surface',
    designations: ['Four de cuisson 200 °C', 'Étuve de séchage'],
    manufacturers: [{ name: 'Nabertherm', models: ['N 1500', 'TR 450'] }, { name: 'Eisenmann', models: ['Ofen 12', 'Ofen 20'] }],
    subAssemblies: [{ suffix: 'BRU', designation: 'Brûleur', components: [{ suffix: 'ELC', designation: "Électrode d'allumage" }] }, { suffix: 'REG', designation: 'Régulation de température', components: [{ suffix: 'SON', designation: 'Sonde PT100' }] }],
  },
  ASM: {
    prefix: 'ASM',
    category: 'Assemblage',
    designations: ["Poste d'assemblage semi-automatique", 'Visseuse multibroche', 'Presse à emmancher'],
    manufacturers: [{ name: 'Atlas Copco', models: ['Tensor STR', 'Power Focus'] }, { name: 'Bosch Rexroth', models: ['Nexo', 'CS351'] }],
    subAssemblies: [{ suffix: 'PNE', designation: 'Ensemble pneumatique', components: [{ suffix: 'VER', designation: 'Vérin' }, { suffix: 'EVD', designation: 'Électrovanne' }] }, ELECTRICAL, SAFETY],
  },
  EMB: {
    prefix: 'EMB',
    category: 'Conditionnement',
    designations: ['Banderoleuse automatique', 'Formeuse de cartons', 'Cercleuse'],
    manufacturers: [{ name: 'Robopac', models: ['Rotoplat 708', 'Technoplat'] }, { name: 'Mosca', models: ['Evolution SoniXs', 'RO-TR'] }],
    subAssemblies: [DRIVE, { suffix: 'PNE', designation: 'Ensemble pneumatique', components: [{ suffix: 'VER', designation: 'Vérin' }] }, ELECTRICAL],
  },
};

/** The reference lists' French starter set, inserted only when the lists are empty. */
export const REFERENCE_STARTER: Record<'symptom' | 'cause' | 'remedy' | 'category', readonly (readonly [string, string])[]> = {
  symptom: [
    ['FUITE', 'Fuite (huile, air, eau)'], ['BRUIT', 'Bruit anormal'], ['VIBR', 'Vibrations'], ['ECHAUF', 'Échauffement'],
    ['ARRET', 'Arrêt intempestif'], ['DEFAUT', "Défaut affiché à l'automate"], ['QUALITE', 'Pièces non conformes'], ['BLOCAGE', 'Blocage mécanique'],
    ['CASSE', 'Casse'], ['ELEC', 'Défaut électrique'], ['FUMEE', 'Fumée ou odeur de brûlé'], ['AUTRE', 'Autre'],
  ],
  cause: [
    ['USURE', 'Usure normale'], ['ENCRASS', 'Encrassement'], ['LUBRIF', 'Défaut de lubrification'], ['DEREGL', 'Déréglage'],
    ['RUPTURE', 'Rupture de pièce'], ['ELEC', 'Défaut électrique ou électronique'], ['CAPTEUR', 'Capteur défaillant'], ['PNEU', 'Défaut pneumatique'],
    ['HYDRAU', 'Défaut hydraulique'], ['UTILIS', "Mauvaise utilisation"], ['CORPS', 'Corps étranger'], ['AUTRE', 'Autre'],
  ],
  remedy: [
    ['REMPL', 'Remplacement de pièce'], ['REGL', 'Réglage'], ['NETTOY', 'Nettoyage'], ['GRAISS', 'Graissage / lubrification'],
    ['RESSER', 'Resserrage'], ['REPAR', 'Réparation'], ['REARM', 'Réarmement / redémarrage'], ['PROG', "Modification du programme"],
    ['SOUSTR', 'Intervention sous-traitant'], ['AUTRE', 'Autre'],
  ],
  category: [
    ['PRESSES', 'Presses'], ['MO', 'Machines-outils'], ['CONV', 'Convoyeurs'], ['ROBOTS', 'Robots'], ['MANUT', 'Manutention'],
    ['SOUDAGE', 'Soudage'], ['CONTROLE', 'Contrôle et mesure'], ['UTIL', 'Utilités'], ['POMPES', 'Pompes et fluides'],
    ['ELEC', 'Électricité'], ['SURFACE', 'Traitement de surface'], ['ASSEMB', 'Assemblage'], ['COND', 'Conditionnement'],
  ],
};

export const REQUEST_SYMPTOMS = [
  "Fuite d'huile sous la machine",
  'Bruit anormal au démarrage',
  'Vibrations importantes en cycle',
  "Défaut affiché sur l'écran de l'automate",
  "La machine s'arrête en plein cycle",
  'Pièces hors tolérance en sortie',
  "Fuite d'air sur un vérin",
  'Moteur très chaud, odeur de brûlé',
  'Le capteur de présence ne détecte plus les pièces',
  'Porte de sécurité qui ne se verrouille plus',
  "Arrêt d'urgence déclenché sans raison",
  'Courroie qui patine',
  'Température qui ne monte plus',
  'Pression hydraulique trop basse',
  'Le tapis se décale sur le côté',
  "Voyant rouge allumé sur l'armoire",
  'Éclairage de la machine hors service',
  'Graissage centralisé en défaut',
  "Fuite d'eau de refroidissement",
  'Écran tactile qui ne répond plus',
  'Bourrage en entrée de poste',
  'Le robot perd sa position de référence',
  'Claquement à chaque descente du coulisseau',
  "Copeaux qui s'accumulent, convoyeur bloqué",
] as const;

export const REQUEST_DETAILS = [
  '',
  ' depuis ce matin',
  ' depuis le changement de série',
  ' – signalé par l’équipe de nuit',
  ' – de plus en plus fréquent',
  ' après le redémarrage',
  ', production ralentie',
] as const;

export const KIOSK_NAMES = ['Karim (équipe B)', 'Opérateur ligne 2', 'Chef d’équipe nuit', 'Intérimaire poste 4', 'Sylvain R.', 'Équipe du matin', null] as const;

export const REFUSAL_REASONS = [
  'Pas un problème de maintenance : réglage de production à faire par le régleur.',
  "Fonctionnement normal de la machine, l'opérateur a été informé.",
  'Demande à passer en amélioration auprès du bureau des méthodes.',
  "Consommable à changer par l'opérateur (procédure affichée au poste).",
  'Équipement hors périmètre : géré par le sous-traitant du bâtiment.',
] as const;

export const IMPROVEMENT_TITLES = [
  'Ajout d’un capteur de présence pièce',
  'Modification du carter de protection',
  'Installation d’un éclairage LED',
  'Déplacement du pupitre opérateur',
  'Ajout d’un compteur de cycles',
  'Mise en place d’un détrompeur',
] as const;

export const SAFETY_TITLES = [
  'Remise en conformité de la barrière immatérielle',
  'Contrôle des arrêts d’urgence',
  'Remplacement du carter de sécurité endommagé',
  'Mise en place d’un consignation cadenassable',
] as const;

export const REGULATORY_TITLES = [
  'Vérification périodique réglementaire (VGP)',
  'Contrôle annuel des appareils de levage',
  'Contrôle des équipements sous pression',
  'Vérification des installations électriques (Q18)',
  'Contrôle d’étanchéité fluide frigorigène',
] as const;

export const PREVENTIVE_TITLES = [
  'Visite préventive mensuelle',
  'Visite préventive trimestrielle',
  'Vidange et changement des filtres',
  'Graissage et contrôle des jeux',
  'Contrôle des niveaux et serrages',
  'Révision annuelle',
] as const;

export const CANCEL_REASONS = [
  'Doublon d’un OT déjà planifié.',
  'Équipement réformé entre-temps.',
  'Intervention réalisée dans le cadre d’un autre OT.',
  'Demande retirée par la production.',
] as const;

export const HOLD_NOTES: Record<'parts' | 'production' | 'subcontractor' | 'other', readonly string[]> = {
  parts: ['Pièce commandée chez le fournisseur, livraison annoncée sous 5 jours.', 'Roulement en rupture au magasin.', 'Joint spécifique commandé.'],
  production: ['Machine indisponible : série urgente en cours.', 'Intervention à faire au prochain arrêt de ligne.'],
  subcontractor: ['En attente du passage du technicien constructeur.', 'Devis du sous-traitant en cours de validation.'],
  other: ['En attente de la validation du responsable.', 'Consignation électrique à organiser.'],
};

export const COMMENTS = [
  'Pièce de rechange prise au magasin, référence notée sur le bon.',
  'Le régleur confirme que le défaut est réapparu cette nuit.',
  'Photos prises avant démontage.',
  'Attention : prévoir la consignation électrique avant intervention.',
  'Intervention terminée, machine rendue à la production.',
  'Prévoir de commander deux pièces de plus pour le stock.',
  "Le défaut n'a pas pu être reproduit, surveillance à prévoir.",
  'Contacté le constructeur : procédure de réglage reçue par e-mail.',
  'Nettoyage complet effectué, beaucoup de copeaux dans le carter.',
  'RAS après essai de 30 minutes en production.',
] as const;
