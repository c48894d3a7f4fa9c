// Node (dev only). Seeds the pièces de rechange catalog on top of `seedPlant` (equipment must exist): 20 000
// realistic French parts by default (roulements, joints, courroies, filtres, capteurs, vérins, fusibles…) with their
// manufacturer and reference, 1 to 3 suppliers each (one preferred, lead time, unit price), and where-used links to
// the seeded equipment. Deterministic from `seed` (mulberry32, as the plant seed); planned in memory, then written
// in multi-row INSERTs grouped in large transactions. The stock helper seeds stores, bins and moves on these parts.
import type { Insertable } from 'kysely';
import type { Database } from '../../electron/core/kernel/db/database';
import type { PartEquipmentTable, PartSuppliersTable, PartsTable } from '../../electron/core/kernel/db/schema';
import { foldText } from '../../electron/core/kernel/db/text-search';
import { SeedPartsRepository } from './seed-parts-repository';
import { generator } from './seed-random';

export interface SeedPartsOptions {
  parts: number;
  seed: number;
  /** The instant written as created/updated (default: today 00:00 UTC). */
  now?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface SeedPartsResult {
  parts: number;
  suppliers: number;
  whereUsed: number;
}

export class SeedPartsRefusedError extends Error {}


interface Family {
  prefix: string;
  category: string;
  unit: string;
  /** Designations: `{}` is replaced by one of `sizes`. */
  designations: readonly string[];
  sizes: readonly string[];
  makers: readonly string[];
  /** Unit price range in cents. */
  price: [number, number];
  weight: number;
}

const FAMILIES: readonly Family[] = [
  { prefix: 'RLT', category: 'Roulements', unit: 'pce', designations: ['Roulement à billes {} 2RS', 'Roulement à billes {} ZZ', 'Roulement à rouleaux coniques {}', 'Palier à semelle UCP {}', 'Roulement à aiguilles {}'], sizes: ['6200', '6201', '6202', '6203', '6204', '6205', '6206', '6207', '6208', '6305', '6306', '30205', '32208', '205', '208', 'NK20/16'], makers: ['SKF', 'FAG', 'NTN', 'NSK', 'Timken', 'SNR'], price: [450, 18_000], weight: 14 },
  { prefix: 'JNT', category: 'Joints', unit: 'pce', designations: ['Joint torique {} NBR', 'Joint torique {} FKM', 'Joint à lèvre {}', 'Joint de tige de vérin {}', 'Joint plat fibre {}'], sizes: ['10x2', '20x2', '25x3', '30x3', '40x3,5', '50x4', '35x52x7', '40x62x8', '45x65x10', 'DN50', 'DN80'], makers: ['Trelleborg', 'Freudenberg', 'Parker', 'Hutchinson', 'SKF'], price: [40, 4500], weight: 14 },
  { prefix: 'CRR', category: 'Courroies', unit: 'pce', designations: ['Courroie trapézoïdale {}', 'Courroie crantée {}', 'Courroie poly-V {}', 'Courroie plate {}'], sizes: ['SPZ 1000', 'SPZ 1250', 'SPA 1500', 'SPB 2000', 'XPZ 912', 'HTD 8M-800', 'T10 1010', 'PJ 1016', '10PK 1200'], makers: ['Optibelt', 'Gates', 'ContiTech', 'Hutchinson'], price: [900, 16_000], weight: 8 },
  { prefix: 'FLT', category: 'Filtres', unit: 'pce', designations: ['Filtre à huile hydraulique {}', 'Cartouche filtrante air comprimé {}', 'Filtre à air {}', 'Élément filtrant retour {}', 'Filtre à gasoil {}'], sizes: ['10 µm', '25 µm', 'HF6553', 'P550084', 'C 1140', '0160 D 010', 'R928006', 'AF25'], makers: ['Hydac', 'Parker', 'Donaldson', 'Mann+Hummel', 'Bosch Rexroth', 'Fleetguard'], price: [1200, 24_000], weight: 10 },
  { prefix: 'CPT', category: 'Capteurs', unit: 'pce', designations: ['Détecteur inductif {}', 'Cellule photoélectrique {}', 'Capteur de pression {}', 'Sonde de température PT100 {}', 'Fin de course {}', 'Codeur incrémental {}'], sizes: ['M12 PNP', 'M18 NPN', 'M8 PNP', '0-10 bar', '0-250 bar', '4-20 mA', '1024 pts', 'IP67'], makers: ['Sick', 'IFM', 'Omron', 'Schneider Electric', 'Balluff', 'Pepperl+Fuchs', 'Siemens'], price: [2500, 65_000], weight: 9 },
  { prefix: 'VRN', category: 'Pneumatique', unit: 'pce', designations: ['Vérin pneumatique ISO 15552 {}', 'Électrovanne 5/2 {}', 'Raccord instantané {}', 'Régulateur de pression {}', 'Silencieux {}'], sizes: ['Ø32x100', 'Ø50x200', 'Ø63x160', 'G1/4', 'G1/2', 'Ø8', 'Ø10', 'Ø12'], makers: ['Festo', 'SMC', 'Parker', 'Norgren', 'Camozzi'], price: [300, 42_000], weight: 9 },
  { prefix: 'ELE', category: 'Électricité', unit: 'pce', designations: ['Fusible {}', 'Contacteur {}', 'Relais {}', 'Disjoncteur moteur {}', 'Voyant LED {}', 'Bouton d’arrêt d’urgence {}'], sizes: ['gG 10 A', 'aM 16 A', '24 V DC', '230 V AC', '9 A', '18 A', '2,5-4 A', 'Ø22'], makers: ['Schneider Electric', 'Legrand', 'ABB', 'Siemens', 'Eaton', 'Finder'], price: [150, 28_000], weight: 10 },
  { prefix: 'HYD', category: 'Hydraulique', unit: 'pce', designations: ['Flexible hydraulique {}', 'Pompe à engrenages {}', 'Distributeur {}', 'Clapet anti-retour {}', 'Manomètre {}'], sizes: ['DN10 1 m', 'DN12 1,5 m', '8 cm³', '16 cm³', 'NG6', 'NG10', '0-160 bar', '0-400 bar'], makers: ['Bosch Rexroth', 'Parker', 'Hydac', 'Danfoss', 'Manuli'], price: [1800, 120_000], weight: 6 },
  { prefix: 'LUB', category: 'Lubrifiants', unit: 'L', designations: ['Huile hydraulique {}', 'Huile de coupe {}', 'Huile pour engrenages {}', 'Dégrippant {}'], sizes: ['HLP 32', 'HLP 46', 'HLP 68', 'CLP 220', 'ISO VG 100', 'soluble 5 %'], makers: ['Total', 'Shell', 'Mobil', 'Motul', 'Castrol'], price: [300, 2500], weight: 3 },
  { prefix: 'GRA', category: 'Lubrifiants', unit: 'kg', designations: ['Graisse lithium {}', 'Graisse haute température {}', 'Graisse alimentaire {}'], sizes: ['EP2', 'EP3', 'NLGI 2', 'H1'], makers: ['SKF', 'Total', 'Klüber', 'Mobil'], price: [900, 6000], weight: 2 },
  { prefix: 'CHN', category: 'Transmission', unit: 'm', designations: ['Chaîne à rouleaux {}', 'Câble acier {}', 'Tube PU {}'], sizes: ['08B-1', '10B-1', '12B-1', '16B-1', 'Ø6', 'Ø8', 'Ø10'], makers: ['Renold', 'Iwis', 'Tsubaki', 'Legris'], price: [300, 9000], weight: 3 },
  { prefix: 'TRN', category: 'Transmission', unit: 'pce', designations: ['Accouplement élastique {}', 'Poulie {}', 'Pignon {}', 'Moto-réducteur {}'], sizes: ['ROTEX 24', 'ROTEX 38', 'SPZ 100', 'SPA 160', 'Z17 08B', 'Z25 10B', '0,75 kW', '1,5 kW'], makers: ['KTR', 'SEW-Eurodrive', 'Leroy-Somer', 'Nord', 'Flender'], price: [1500, 180_000], weight: 5 },
  { prefix: 'QUI', category: 'Quincaillerie', unit: 'pce', designations: ['Vis CHC {}', 'Écrou Nylstop {}', 'Rondelle {}', 'Goupille élastique {}', 'Clavette {}'], sizes: ['M6x20', 'M8x25', 'M10x30', 'M12x40', 'M16', '6x6x30', '8x7x40'], makers: ['Würth', 'Bossard', 'Fabory'], price: [5, 300], weight: 7 },
];

const SUPPLIERS = ['Brammer', 'Würth', 'RS Components', 'Rexel', 'Sonepar', 'Descours & Cabaud', 'Orexad', 'Prolians', 'Manutan', 'Kraftwerk', 'Hydrokit', 'Fluidap', 'Bearing Distribution', 'Radiospares', 'Mabéo Industries'];

const CHUNK = 1000;
const PER_TRANSACTION = 10_000;
const DAY = 86_400_000;

/** Seeds the parts catalog; refuses when parts already exist (the stock seed builds on them). */
export async function seedParts(database: Database, options: SeedPartsOptions): Promise<SeedPartsResult> {
  const repository = new SeedPartsRepository(database.kysely);
  if ((await repository.countParts()) > 0) throw new SeedPartsRefusedError('Des pièces existent déjà : le catalogue n’est pas semé une seconde fois.');
  const now = options.now ?? Math.floor(Date.now() / DAY) * DAY;
  const random = generator(options.seed ^ 0x5eed_9a27);
  const equipment = await repository.equipmentIds();
  const totalWeight = FAMILIES.reduce((sum, family) => sum + family.weight, 0);
  const familyOf = () => {
    let r = random.next() * totalWeight;
    for (const family of FAMILIES) {
      r -= family.weight;
      if (r < 0) return family;
    }
    return FAMILIES[FAMILIES.length - 1];
  };

  // Plan every part first (deterministic), then write.
  const counters = new Map<string, number>();
  const planned: { part: Insertable<PartsTable>; price: number; suppliers: number }[] = [];
  for (let i = 0; i < options.parts; i++) {
    const family = familyOf();
    const n = (counters.get(family.prefix) ?? 0) + 1;
    counters.set(family.prefix, n);
    const size = random.pick(family.sizes);
    const designation = random.pick(family.designations).replace('{}', size);
    const manufacturer = random.pick(family.makers);
    const manufacturerRef = `${manufacturer.slice(0, 3).toUpperCase().replace(/[^A-Z]/g, 'X')}-${size.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}-${random.int(10, 999)}`;
    const code = `${family.prefix}-${String(n).padStart(5, '0')}`;
    planned.push({
      part: {
        code,
        designation,
        manufacturer,
        manufacturer_ref: manufacturerRef,
        unit: family.unit,
        category: family.category,
        notes: random.chance(0.05) ? 'Pièce critique : garder au moins une unité en stock.' : null,
        is_active: random.chance(0.97) ? 1 : 0,
        search_text: foldText(code, designation, manufacturerRef),
        created_at: now - random.int(30, 1000) * DAY,
        updated_at: now - random.int(0, 29) * DAY,
      },
      price: random.int(family.price[0], family.price[1]),
      suppliers: random.int(1, 3),
    });
  }

  const result: SeedPartsResult = { parts: 0, suppliers: 0, whereUsed: 0 };
  for (let start = 0; start < planned.length; start += PER_TRANSACTION) {
    const group = planned.slice(start, start + PER_TRANSACTION);
    await database.transaction(async (trx) => {
      const repo = repository.in(trx);
      for (let i = 0; i < group.length; i += CHUNK) {
        const chunk = group.slice(i, i + CHUNK);
        const ids = await repo.insertParts(chunk.map((item) => item.part));
        const idOf = new Map(ids.map((row) => [row.code, row.id]));
        const suppliers: Insertable<PartSuppliersTable>[] = [];
        const links: Insertable<PartEquipmentTable>[] = [];
        for (const item of chunk) {
          const partId = idOf.get(item.part.code as string) as number;
          const names = new Set<string>();
          while (names.size < item.suppliers) names.add(random.pick(SUPPLIERS));
          let first = true;
          for (const supplier of names) {
            suppliers.push({
              part_id: partId,
              supplier,
              supplier_ref: `${supplier.slice(0, 2).toUpperCase().replace(/[^A-Z]/g, 'X')}${random.int(100_000, 999_999)}`,
              lead_time_days: random.int(1, 45),
              unit_price_cents: Math.round(item.price * (0.9 + random.next() * 0.25)),
              is_preferred: first ? 1 : 0,
              created_at: item.part.created_at as number,
            });
            first = false;
          }
          // Most parts fit a few machines; consumables (lubricants, hardware) fit many or none in particular.
          if (equipment.length > 0) {
            const fits = random.chance(0.15) ? 0 : random.int(1, 4);
            for (let k = 0; k < fits; k++) links.push({ part_id: partId, equipment_id: random.pick(equipment) });
          }
        }
        const uniqueLinks = [...new Map(links.map((link) => [`${link.part_id}:${link.equipment_id}`, link])).values()];
        for (let s = 0; s < suppliers.length; s += CHUNK) await repo.insertSuppliers(suppliers.slice(s, s + CHUNK));
        for (let s = 0; s < uniqueLinks.length; s += CHUNK) await repo.insertWhereUsed(uniqueLinks.slice(s, s + CHUNK));
        result.parts += chunk.length;
        result.suppliers += suppliers.length;
        result.whereUsed += uniqueLinks.length;
        options.onProgress?.('Pièces de rechange', start + i + chunk.length, planned.length);
      }
    });
  }
  return result;
}
