// Node (vitest). The sidebar: each role sees exactly its entries, and exactly one entry marks the page shown.
import { describe, expect, it } from 'vitest';
import { currentEntry, groupOf, isGroupOpen, menuFitsOpen, navGroupsFor, toggleGroup, type SidebarChoices } from './nav-entries';

const paths = (role: Parameters<typeof navGroupsFor>[0]) => navGroupsFor(role).map((group) => [group.id, group.entries.map((entry) => entry.to)]);

describe('sidebar entries per role', () => {
  it('an administrator sees every group and entry', () => {
    expect(paths('admin')).toEqual([
      ['maintenance', ['/', '/demandes', '/ot', '/equipements', '/localisations', '/referentiels', '/indicateurs']],
      ['preventive', ['/planning', '/preventif/plans', '/preventif/gammes', '/preventif/previsions', '/preventif/conformite', '/releves']],
      ['stores', ['/magasin/pieces', '/magasin/stock', '/magasin/reappro', '/magasin/inventaires']],
      ['administration', ['/admin/utilisateurs', '/admin/taux-horaires', '/admin/securite', '/admin/journal', '/admin/sauvegardes', '/admin/messagerie', '/admin/reinitialisations', '/admin/postes']],
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

describe('sidebar groups that fold', () => {
  const NONE: SidebarChoices = { folded: {}, single: undefined };
  const state = (role: Parameters<typeof navGroupsFor>[0], path: string, choices: SidebarChoices = NONE) => {
    const groups = navGroupsFor(role);
    const currentGroup = groupOf(currentEntry(path, groups.flatMap((group) => group.entries)), groups);
    const fits = menuFitsOpen(groups);
    return groups.map((group) => [group.id, isGroupOpen(group, { currentGroup, fits, choices })]);
  };

  it('a menu that fits stays all open; a long one opens only the current page’s group (and the heading-less « À propos »)', () => {
    expect(menuFitsOpen(navGroupsFor('requester'))).toBe(true);
    expect(menuFitsOpen(navGroupsFor('technician'))).toBe(true);
    expect(menuFitsOpen(navGroupsFor('maintenance_manager'))).toBe(false);
    expect(menuFitsOpen(navGroupsFor('admin'))).toBe(false);
    expect(state('technician', '/ot/mes')).toEqual([['maintenance', true], ['preventive', true], ['stores', true], ['other', true]]);
    expect(state('admin', '/')).toEqual([['maintenance', true], ['preventive', false], ['stores', false], ['administration', false], ['other', true]]);
    expect(state('admin', '/admin/journal')).toEqual([['maintenance', false], ['preventive', false], ['stores', false], ['administration', true], ['other', true]]);
    expect(state('maintenance_manager', '/releves')).toEqual([['maintenance', false], ['preventive', true], ['stores', false], ['administration', false], ['other', true]]);
  });

  it('a long menu shows one group at a time: the one pressed, or none once it is folded', () => {
    const opened = toggleGroup(NONE, 'stores', false, false);
    expect(state('admin', '/', opened)).toEqual([['maintenance', false], ['preventive', false], ['stores', true], ['administration', false], ['other', true]]);
    expect(state('admin', '/', toggleGroup(opened, 'stores', true, false)).filter(([, open]) => open)).toEqual([['other', true]]);
  });

  it('a menu that fits remembers each group the person folded', () => {
    const folded = toggleGroup(NONE, 'preventive', true, true);
    expect(state('technician', '/', folded)).toEqual([['maintenance', true], ['preventive', false], ['stores', true], ['other', true]]);
    expect(state('technician', '/', toggleGroup(folded, 'preventive', false, true))).toEqual(state('technician', '/'));
  });
});
