// The préventif's reports as a Responsable, in the harness: the site calendar (the zone, the French public holidays
// of the year in one click, a closure day added and removed), the taux de réalisation du préventif with its formula
// and a figure opened down to its OTs, and the 12-month forecast (month table with « estimé » meter dates, the dates
// on keyboard focus, the list view, a filter). Every screen passes axe (0 serious/critical).
import { expect, expectAccessible, login, test, openNav } from './fixtures';
import { REPORTS_MANAGER, seedReportsPlant } from './preventive-reports-fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

test('a Responsable sets the site calendar, reads PM compliance with its formula, and opens the 12-month forecast', async ({ page, harness }) => {
  test.setTimeout(120_000);
  await seedReportsPlant(harness);
  const year = new Date().getFullYear();

  await page.goto(`${harness.url}#/preventif/calendrier-site`);
  await login(page, REPORTS_MANAGER.username, REPORTS_MANAGER.password);
  await expect(page.getByRole('heading', { name: 'Calendrier du site', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Fuseau horaire du site')).toHaveValue('Europe/Paris');
  await expect(page.getByText(`Aucun jour férié pour ${year}.`)).toBeVisible();
  await page.getByRole('button', { name: `Ajouter les jours fériés français de ${year}` }).click();
  await expect(page.getByText(/jours fériés ajoutés pour/)).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Lundi de Pâques', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Fête nationale', exact: true })).toBeVisible();
  // Again: nothing new, said so.
  await page.getByRole('button', { name: `Ajouter les jours fériés français de ${year}` }).click();
  await expect(page.getByText(`Les jours fériés français de ${year} sont déjà tous dans la liste.`)).toBeVisible();
  // A closure day of the site, then removed.
  await page.getByLabel('Date', { exact: true }).fill(`${year}-08-14`);
  await page.getByLabel('Libellé', { exact: true }).fill("Pont de l'Assomption");
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByRole('cell', { name: "Pont de l'Assomption", exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: /^Retirer le jour férié du .*Pont de l'Assomption/ }).click();
  await expect(page.getByRole('cell', { name: "Pont de l'Assomption", exact: true })).toHaveCount(0);
  // The zone: Martinique, saved.
  await page.getByLabel('Fuseau horaire du site').selectOption('America/Martinique');
  await page.getByRole('button', { name: 'Enregistrer le fuseau' }).click();
  await expect(page.getByText('Fuseau horaire enregistré : America/Martinique.')).toBeVisible();
  await page.getByLabel('Fuseau horaire du site').selectOption('Europe/Paris');
  await page.getByRole('button', { name: 'Enregistrer le fuseau' }).click();
  await expect(page.getByText('Fuseau horaire enregistré : Europe/Paris.')).toBeVisible();

  // PM compliance: the formula in words, the rate, a figure opened down to its OTs.
  await (await openNav(page, 'Réalisation du préventif')).click();
  await expect(page.getByRole('heading', { name: 'Taux de réalisation du préventif', level: 1 })).toBeVisible();
  await expect(page.getByTestId('compliance-formula')).toHaveText(
    'Taux de réalisation du préventif = OT préventifs réalisés dans leur tolérance ÷ OT préventifs dus sur la période',
  );
  await expect(page.getByTestId('compliance-rate')).toHaveText(/^\d{1,3},\d\s?%$/);
  await expect(page.getByRole('table').nth(1).getByRole('rowheader', { name: 'Usinage' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: /^Voir les \d+ OT dus — Usinage/ }).click();
  const drill = page.getByTestId('compliance-drill');
  await expect(drill.getByRole('heading', { name: /OT préventifs dus — Usinage/ })).toBeVisible();
  await expect(drill.getByText('Manquée (aucun OT)')).toBeVisible();
  await expect(drill.getByRole('link', { name: /^OT-\d{4}-9\d{5}$/ }).first()).toBeVisible();
  // A location filter narrows everything to that zone.
  await page.getByLabel('Localisation', { exact: true }).selectOption({ label: 'Atelier injection' });
  await expect(page.getByRole('rowheader', { name: 'Usinage' })).toHaveCount(0);
  await expect(page.getByRole('rowheader', { name: 'Atelier injection' })).toBeVisible();

  // The forecast: every plan × equipment, meter dates « estimé », the dates on focus, the list, a filter.
  await (await openNav(page, 'Prévisions')).click();
  await expect(page.getByRole('heading', { name: 'Prévisions sur 12 mois', level: 1 })).toBeVisible();
  const months = page.getByTestId('forecast-months');
  await expect(months.getByRole('rowheader', { name: /PM-PRESSE-250/ })).toHaveCount(2);
  await expect(months.getByRole('rowheader', { name: /PM-TOUR-01/ })).toBeVisible();
  await expect(months.getByText('estimé').first()).toBeVisible();
  const cell = months.getByLabel(/échéance\(s\) en .* pour PM-PRESSE-250 sur PR-002/).first();
  await cell.focus();
  await expect(cell.getByRole('tooltip')).toBeVisible();
  await expect(cell.getByRole('tooltip')).toContainText('estimé');
  await expectAccessible(page);
  await page.getByLabel('Liste des échéances').check();
  const list = page.getByTestId('forecast-list');
  await expect(list.getByRole('row').nth(1)).toBeVisible();
  await page.getByLabel('Équipement', { exact: true }).selectOption({ label: 'TO-001 — Tour CN 1' });
  await expect(list.getByText('PR-001')).toHaveCount(0);
  await expect(list.getByText('Graissage mensuel du tour').first()).toBeVisible();
  await expectAccessible(page);
});
