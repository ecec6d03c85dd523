import type { Page } from 'playwright-core';
import { bornAgo, plusDays, plusMonths, today } from '../dates';
import { openTrajectory } from '../open-trajectory';
import { browserSuite, errorSummaryAfter, visit } from './browser';

const JOURNEY_TIMEOUT = 300_000;

/** The words a coordinator reads, written here by hand (the oracle), not taken from the app's catalogue. */
const OVERRIDE_LEGEND = 'Toch vastleggen, in afwijking van de wet';
const OVERRIDE_CHECK = 'Ik leg dit vast in afwijking van de wettelijke regel';
const OVERRIDE_REASON = 'Reden van de afwijking';
const STARTS_AFTER_18 = 'Gesloten jeugdhulp kan alleen beginnen vóór de 18e verjaardag.';

/** The id of the element that has the focus. */
const focused = (page: Page) => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');

/** The first row's cell under the column `header` of the table in the section named `name`. */
async function firstRowCell(page: Page, name: string, header: string): Promise<string> {
  const table = page.getByRole('region', { name, exact: true }).locator('table');
  const column = (await table.locator('thead th').allInnerTexts()).map((text) => text.trim()).indexOf(header);
  expect(column).toBeGreaterThan(0);
  return (await table.locator('tbody tr').first().locator('th, td').nth(column).innerText()).trim();
}

/** The text of the section named by its heading. */
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true }).innerText();

/**
 * Placements and court measures that are lawful and legible (issue 13) in a real browser against the real stack: a
 * closed placement after her 18th birthday is refused on its field, and only then is an override offered; with a
 * reason it is recorded and shown on the trajectory. Treatment start on its own page, the kind of a machtiging, a
 * missing episode and her return, and the director's split of transfers. Every page is checked with axe-core.
 */
describe('lawful placements in the browser', () => {
  const { sut, region, signedIn } = browserSuite();

  it(
    'a closed placement after 18 is refused, overridden with a reason and shown; treatment, a spoedmachtiging, a missing episode',
    async () => {
      // 18 years and 2 months: closed care may not start now; the limit (18 + 6 months) is 4 months away.
      const id = await openTrajectory(sut(), region().users.coordinator, {
        pseudonym: 'TRJ-PL13W',
        birthDate: bornAgo(18, 2),
        municipalityCode: region().municipalities[0],
        partners: [{ organisationId: region().organisations['youth-care'], role: 'youth-care' }],
        placements: [
          {
            type: 'open-residential',
            startDate: plusMonths(today(), -3),
            providerOrganisationId: region().organisations['youth-care'],
          },
        ],
      });
      const page = await signedIn(region().users.coordinator);

      // The start form asks for the start of treatment with a closed placement only, and as optional.
      await page.goto(`${sut().url}/trajectories/new`);
      await page.getByRole('heading', { level: 1, name: 'Traject starten' }).waitFor();
      await page.getByRole('button', { name: 'Plaatsing toevoegen' }).click();
      expect(await page.getByLabel('Start van de behandeling').count()).toBe(0);
      await page.locator('#placements-0-type').selectOption('closed');
      expect(await page.locator('label[for="placements-0-treatmentStartDate"]').innerText()).toContain(
        'niet verplicht',
      );
      await visit(page, 'placements-0-start-form-closed');

      await page.goto(`${sut().url}/trajectories/${id}`);
      await page.getByRole('heading', { level: 1, name: 'Traject TRJ-PL13W' }).waitFor();
      await visit(page, 'placements-1-trajectory');

      // A change of placement to closed care: no override is offered before the api refused anything.
      await page.getByRole('link', { name: 'Plaatsing wijzigen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Plaatsing wijzigen voor TRJ-PL13W' }).waitFor();
      expect(await page.getByText(OVERRIDE_LEGEND).count()).toBe(0);
      expect(await page.getByLabel(OVERRIDE_CHECK).count()).toBe(0);
      await page.locator('#type').selectOption('closed');
      await page.locator('#providerOrganisationId').selectOption(region().organisations['youth-care']);
      await page.locator('#startDate').fill(today());
      await page.locator('#authorisationEndDate').fill(plusMonths(today(), 3));
      await page.getByLabel('Reden van de wijziging').selectOption({ label: 'Veiligheid' });
      expect(await page.getByText(OVERRIDE_LEGEND).count()).toBe(0);

      // Refused by the api on the start date, with the rule in Dutch; the summary leads to the field.
      const summary = await errorSummaryAfter(page, 'Wijziging opslaan');
      expect(summary).toContain(`Begindatum: ${STARTS_AFTER_18}`);
      expect(await page.locator('#startDate-error').innerText()).toContain(STARTS_AFTER_18);
      await page.locator('.doorloop-error-summary a[href="#startDate"]').click();
      expect(await focused(page)).toBe('startDate');
      // Only now the override: a reason is required before it is sent.
      await page.getByText(OVERRIDE_LEGEND).waitFor();
      await visit(page, 'placements-2-refused-override-offered');
      await page.getByLabel(OVERRIDE_CHECK).check();
      expect(await errorSummaryAfter(page, 'Wijziging opslaan')).toContain(`${OVERRIDE_REASON}: Vul dit veld in.`);
      await page.getByLabel(OVERRIDE_REASON).fill('Demo: de rechter besliste zo; behandeling start deze week.');
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();

      // Back on the trajectory: the placement is marked, the override listed with its rules and reason.
      await page.getByText('De wijziging is opgeslagen').waitFor();
      const overrides = await section(page, 'Afwijkingen van de wet');
      expect(overrides).toContain('Demo: de rechter besliste zo; behandeling start deze week.');
      expect(overrides).toContain('Gesloten jeugdhulp begint na de 18e verjaardag');
      expect(overrides).toContain('Gesloten jeugdhulp vanaf');
      const placements = await section(page, 'Plaatsingen en overplaatsingen');
      expect(placements).toContain('Afwijking van de wet');
      expect(placements).toContain('Veiligheid');
      // Safety counts as a transfer: 1 of 1 change.
      expect(await section(page, 'Wijzigingen van plaatsing per reden')).toContain(
        '1 (van 1 wijzigingen van plaatsing)',
      );
      await visit(page, 'placements-3-overridden');

      // Treatment start on its own page, for the closed placement.
      expect(placements.match(/nog niet gestart/g)).toHaveLength(2);
      await page.getByRole('link', { name: /^Start behandeling vastleggen\s*: Gesloten jeugdhulp/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Start van de behandeling voor TRJ-PL13W' }).waitFor();
      expect(page.url()).toMatch(new RegExp(`/trajectories/${id}/placements/[^/]+/treatment-start$`));
      expect(await errorSummaryAfter(page, 'Wijziging opslaan')).toContain('Start van de behandeling');
      await visit(page, 'placements-4-treatment-start');
      await page.getByLabel('Start van de behandeling').fill(today());
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.getByText('De wijziging is opgeslagen').waitFor();
      await page.getByRole('region', { name: 'Plaatsingen en overplaatsingen', exact: true }).waitFor();
      expect((await section(page, 'Plaatsingen en overplaatsingen')).match(/nog niet gestart/g)).toHaveLength(1);

      // A machtiging's kind, in Dutch; a spoedmachtiging of two months is refused on its end date.
      await page.getByRole('link', { name: 'Rechterlijke maatregel toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Rechterlijke maatregel voor TRJ-PL13W' }).waitFor();
      expect(await page.getByLabel('Soort machtiging').count()).toBe(0);
      await page.getByLabel('Soort maatregel').selectOption({ label: 'Machtiging uithuisplaatsing' });
      expect(await page.getByLabel('Soort machtiging').locator('option').allInnerTexts()).toEqual([
        'Kies…',
        'Gewoon',
        'Spoed',
      ]);
      await page.getByLabel('Soort maatregel').selectOption({ label: 'Machtiging gesloten jeugdhulp' });
      const subtype = page.getByLabel('Soort machtiging');
      expect(await subtype.locator('option').allInnerTexts()).toEqual(['Kies…', 'Gewoon', 'Spoed', 'Voorwaardelijk']);
      expect(await subtype.inputValue()).toBe('normal');
      await subtype.selectOption({ label: 'Spoed' });
      await page.getByLabel('Begindatum').fill(today());
      await page.getByLabel('Einddatum').fill(plusMonths(today(), 2));
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.locator('#endDate-error').waitFor();
      expect(await page.locator('#endDate-error').innerText()).toContain('een spoedmachtiging ten hoogste 4 weken');
      await page.getByText(OVERRIDE_LEGEND).waitFor();
      await visit(page, 'placements-5-spoedmachtiging-refused');
      // Corrected instead of overridden: 3 weeks is lawful.
      await page.getByLabel('Einddatum').fill(plusDays(today(), 21));
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.getByText('De wijziging is opgeslagen').waitFor();
      expect(await section(page, 'Rechterlijke maatregelen')).toContain('Machtiging gesloten jeugdhulp (spoed)');

      // She went missing yesterday evening: recorded on its own page, then her return as a button.
      await page.getByRole('link', { name: 'Vermissing vastleggen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Vermissing vastleggen voor TRJ-PL13W' }).waitFor();
      const refused = await errorSummaryAfter(page, 'Wijziging opslaan');
      expect(refused).toContain('Vermist sinds');
      expect(refused).toContain('Is er aangifte van vermissing gedaan bij de politie?');
      await visit(page, 'placements-6-missing-form');
      await page.getByLabel('Vermist sinds').fill(plusDays(today(), -1));
      await page.getByLabel('Tijdstip').fill('21:30');
      await page.getByLabel('Waar en met wie voor het laatst gezien').fill('Demo: station, alleen.');
      await page.getByRole('radiogroup').getByLabel('Ja').check();
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.getByText('De vermissing is vastgelegd').waitFor();
      const missing = await section(page, 'Vermissingen');
      expect(missing).toContain('Nog vermist');
      expect(missing).toContain('Demo: station, alleen.');
      await visit(page, 'placements-7-missing');
      await page.getByRole('button', { name: 'Zij is terug' }).click();
      await page.getByText('Haar terugkeer is vastgelegd').waitFor();
      await page.getByRole('button', { name: 'Zij is terug' }).waitFor({ state: 'detached' });
      expect(await section(page, 'Vermissingen')).not.toContain('Nog vermist');
      await visit(page, 'placements-8-returned');

      // The director sees the change by its reason and the missing episode, per municipality.
      const director = await signedIn(region().users.director);
      await director.goto(`${sut().url}/overview`);
      await director.getByRole('heading', { level: 2, name: 'Wijzigingen van plaatsing per reden (12 mnd)' }).waitFor();
      const byReason = 'Wijzigingen van plaatsing per reden (12 mnd)';
      expect(await firstRowCell(director, byReason, 'Veiligheid')).toBe('1');
      expect(await firstRowCell(director, byReason, 'Afschaling (lichtere plek, zelfde behandellijn)')).toBe('0');
      expect(await firstRowCell(director, 'Vermissingen', 'Nu vermist')).toBe('0');
      expect(await firstRowCell(director, 'Vermissingen', 'Vermissingen (12 mnd)')).toBe('1');
      await visit(director, 'placements-9-director');
    },
    JOURNEY_TIMEOUT,
  );
});
