// Pure (tests). The journal's sentences for the equipment import and the label sheet, in both languages.
import { describe, expect, it } from 'vitest';
import { auditEventLabel, describeAuditDetails } from './audit-text';

describe('equipment io audit text', () => {
  it('says what an import created and updated, and how many labels were printed', () => {
    const details = { fileName: 'parc.xlsx', rows: 1250, locationsCreated: 12, locationsUpdated: 0, equipmentCreated: 1200, equipmentUpdated: 38 };
    expect(describeAuditDetails('equipment.imported', details, 'fr')).toBe('Localisations : 12 créée(s), 0 mise(s) à jour ; équipements : 1\u202f200 créé(s), 38 mis à jour');
    expect(describeAuditDetails('equipment.imported', details, 'en')).toBe('Locations: 12 created, 0 updated; equipment: 1,200 created, 38 updated');
    expect(describeAuditDetails('equipment.labels_printed', { count: 24 }, 'fr')).toBe('24 étiquette(s)');
    expect(auditEventLabel('reference.updated', 'fr')).toBe('Élément de liste de référence modifié');
  });
});
