import { requestAs } from '../stack';
import { bornAgo, today } from '../dates';
import { pseudonym } from '../pseudonyms';
import { browserSuite, errorSummaryAfter, visit } from './browser';

const JOURNEY_TIMEOUT = 240_000;

/**
 * Signals and the annual report (issue 17) in a real browser against the real stack: a partner records a signal (the
 * api's refusal of a BSN that fails the 11-proof on its field, in Dutch), the coordinator triages it from the list, a
 * director reads the report with its chart and tables. Every page and state is checked with axe-core.
 */
describe('signals and reports in the browser', () => {
  const { region, signedIn, sut } = browserSuite();

  it(
    'a partner records a signal, the coordinator triages it, a director reads the annual report',
    async () => {
      const partner = await signedIn(region().users.police);
      await partner.getByRole('link', { name: 'Signaal melden' }).click();
      await partner.getByRole('heading', { level: 1, name: 'Signaal melden' }).waitFor();
      const summary = await errorSummaryAfter(partner, 'Signaal melden');
      expect(summary).toContain('Soort');
      await visit(partner, 'signals-1-form-errors');

      await partner.getByLabel('Soort').selectOption('criminal-exploitation');
      await partner.getByLabel('Genomen stap van de meldcode').selectOption('step-2-consult-colleague');
      await partner.getByLabel('Wat is er gezien?').fill('Demo: gezien bij station met oudere man.');
      await partner.locator('#subject-bsn').fill('111222334');
      await partner.getByRole('button', { name: 'Signaal melden' }).click();
      const error = partner.locator('#subject-bsn-error');
      await error.waitFor();
      expect(await error.innerText()).toContain('Dit is geen BSN');
      await visit(partner, 'signals-2-invalid-bsn');

      await partner.locator('#subject-bsn').fill('111222333');
      await partner.getByRole('button', { name: 'Signaal melden' }).click();
      await partner.getByText('Het signaal is gemeld.').waitFor();
      expect(await partner.locator('table').innerText()).toContain('Criminele uitbuiting');
      await visit(partner, 'signals-3-recorded');

      const coordinator = await signedIn(region().users.coordinator);
      // The triage is a task in the coordinating organisation's inbox.
      await coordinator.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Taken' }).click();
      await coordinator.locator('table').getByText('Triage van een signaal').first().waitFor();
      await visit(coordinator, 'signals-4a-inbox-triage-task');
      await coordinator.locator('table').getByRole('link', { name: 'Triage van een signaal' }).first().click();
      await coordinator.getByText('Deze taak rond je af door het signaal te beoordelen.').waitFor();
      expect(await coordinator.getByRole('link', { name: 'Signaal beoordelen' }).getAttribute('href')).toMatch(
        /^\/signals\/[0-9a-f-]{36}\/triage$/,
      );
      await visit(coordinator, 'signals-4b-triage-task');
      await coordinator.getByRole('link', { name: 'Signalen' }).click();
      await coordinator.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();
      await visit(coordinator, 'signals-4-triage-list');
      await coordinator.getByRole('link', { name: 'Beoordelen' }).first().click();
      await coordinator.getByRole('heading', { level: 1, name: 'Signaal beoordelen' }).waitFor();
      await visit(coordinator, 'signals-5-triage-form');
      await coordinator.getByLabel('Geen actie').check();
      await coordinator.getByLabel('Reden').fill('Demo: geen aanwijzingen na overleg.');
      await coordinator.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
      await coordinator.getByText('De beoordeling is vastgelegd.').waitFor();
      expect(await coordinator.locator('table').innerText()).toContain('Geen actie');
      await visit(coordinator, 'signals-6-triaged');

      // The start form records the forms of exploitation, for the report.
      const code = pseudonym();
      await coordinator
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Traject starten' })
        .click();
      await coordinator.getByRole('heading', { level: 1, name: 'Traject starten' }).waitFor();
      await coordinator.getByLabel('Pseudoniem').fill(code);
      await coordinator.getByLabel('Geboortedatum').fill(bornAgo(15, 6));
      await coordinator.getByLabel('Verantwoordelijke gemeente').selectOption(region().municipalities[0]);
      await coordinator.getByRole('group', { name: 'Vorm van uitbuiting' }).getByLabel('Seksueel').check();
      await coordinator.getByRole('group', { name: 'Vorm van uitbuiting' }).getByLabel('Crimineel').check();
      await visit(coordinator, 'signals-6a-start-with-exploitation-forms');
      await coordinator.getByRole('button', { name: 'Traject starten' }).click();
      await coordinator.getByRole('heading', { level: 1, name: `Traject ${code}` }).waitFor();
      const stored = await requestAs<{ items: { exploitationForms: string[] }[] }>(
        sut(),
        region().users.coordinator,
        'GET',
        `/api/v1/trajectories?pseudonym=${code}`,
      );
      expect(stored.body.items.map((item) => item.exploitationForms)).toEqual([['sexual', 'criminal']]);

      const director = await signedIn(region().users.director);
      await director.getByRole('link', { name: 'Jaarrapportage' }).click();
      await director.getByRole('heading', { level: 1, name: 'Jaarrapportage' }).waitFor();
      await director.getByRole('heading', { level: 2, name: 'Signalen per besluit' }).waitFor();
      expect(await director.getByRole('region', { name: 'Signalen per besluit' }).innerText()).toContain('< 5');
      // The two tables of issue 17's second round, each with its chart of the region's counts.
      const year = today().slice(0, 4);
      const forms = director.getByRole('region', { name: 'Vorm van uitbuiting' });
      expect(await forms.innerText()).toContain('Seksueel');
      await director
        .getByRole('heading', { level: 3, name: `Trajecten gestart in ${year} per vorm van uitbuiting (regio)` })
        .waitFor();
      await director.getByRole('heading', { level: 2, name: 'Overplaatsingen per reden' }).waitFor();
      await director.getByRole('heading', { level: 3, name: `Overplaatsingen in ${year} per reden (regio)` }).waitFor();
      await visit(director, 'signals-7-report');
    },
    JOURNEY_TIMEOUT,
  );
});
