// Node (vitest). The sidebar: each role sees exactly its entries, and exactly one entry marks the page shown.
import { describe, expect, it } from 'vitest';
import { currentEntry, navGroupsFor } from './nav-entries';

const paths = (role: Parameters<typeof navGroupsFor>[0]) => navGroupsFor(role).map((group) => [group.id, group.entries.map((entry) => entry.to)]);

describe('sidebar entries per role', () => {
  it('an administrator sees every group and entry', () => {
    expect(paths('admin')).toEqual([
      ['maintenance', ['/', '/demandes', '/ot', '/equipements', '/localisations', '/referentiels', '/indicateurs']],
      ['preventive', ['/planning', '/preventif/plans', '/preventif/gammes', '/preventif/previsions', '/preventif/conformite', '/releves']],
      ['stores', ['/magasin/pieces', '/magasin/stock', '/magasin/reappro', '/magasin/inventaires']],
      ['administration', ['/admin/utilisateurs', '/admin/taux-horaires', '/admin/securite', '/admin/journal', '/admin/sauvegardes', '/admin/messagerie', '/admin/reinitialisations']],
      ['other', ['/a-propos']],
    ]);
  });

  it('a Responsable maintenance triages every DI, manages locations, plans the preventive and the stores, and sets hourly rates', () => {
    expect(paths('maintenance_manager')).toEqual([
      ['maintenance', ['/', '/demandes', '/ot', '/equipements', '/localisations', '/indicateurs']],
      ['preventive', ['/planning', '/preventif/plans', '/preventif/gammes', '/preventif/previsions', '/preventif/conformite', '/releves']],
      ['stores', ['/magasin/pieces', '/magasin/stock', '/magasin/reappro', '/magasin/inventaires']],
      ['administration', ['/admin/taux-horaires']],
      ['other', ['/a-propos']],
    ]);
  });

  it('a technician has their own DIs and OTs', () => {
    expect(paths('technician')).toEqual([
      ['maintenance', ['/', '/demandes/mes', '/ot', '/ot/mes', '/equipements']],
      ['preventive', ['/planning', '/releves']],
      ['stores', ['/magasin/pieces', '/magasin/stock']],
      ['other', ['/a-propos']],
    ]);
  });

  it('a requester has their DIs and the equipment, no OT', () => {
    expect(paths('requester')).toEqual([
      ['maintenance', ['/', '/demandes/mes', '/equipements']],
      ['preventive', ['/releves']],
      ['other', ['/a-propos']],
    ]);
  });
});

describe('the current entry', () => {
  const entries = (role: Parameters<typeof navGroupsFor>[0]) => navGroupsFor(role).flatMap((group) => group.entries);

  it('the dashboard only on /', () => {
    expect(currentEntry('/', entries('admin'))?.to).toBe('/');
    expect(currentEntry('/a-propos', entries('admin'))?.to).toBe('/a-propos');
    expect(currentEntry('/inconnu', entries('admin'))).toBeNull();
  });

  it('the closest entry: a detail page marks its list, "Mes OT" marks itself when the role has it', () => {
    expect(currentEntry('/ot/OT-2026-000123', entries('technician'))?.to).toBe('/ot');
    expect(currentEntry('/ot/mes', entries('technician'))?.to).toBe('/ot/mes');
    expect(currentEntry('/ot/mes', entries('admin'))?.to).toBe('/ot');
    expect(currentEntry('/equipements/PR-003', entries('requester'))?.to).toBe('/equipements');
    expect(currentEntry('/demandes/DI-2026-000045', entries('maintenance_manager'))?.to).toBe('/demandes');
    expect(currentEntry('/admin/journal/', entries('admin'))?.to).toBe('/admin/journal');
  });

  it('a path that only starts with the same letters is not a match', () => {
    expect(currentEntry('/otage', entries('admin'))).toBeNull();
  });
});
