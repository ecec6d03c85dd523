import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import type { PolicyOverride } from '@doorloop/domain';
import { requestsAs, type Stack } from '../stack';
import { eventually } from '../eventually';
import { openTrajectory } from '../open-trajectory';
import { regionPartners } from '../factories/trajectory-parts.factory';
import { createTestRegion, type TestRegion } from '../test-region';
import { errorSummaryAfter, signedIn as signInAs, startBrowserStack, visit } from './browser';
import { DEFAULT_TIME_ZONE } from '@doorloop/domain';

/**
 * Seconds instead of days for what the journeys wait on: a handover or transition review is due 5 s after it fires
 * and reaches the director's list 3 s later.
 */
const POLICY: PolicyOverride = {
  version: 'test-web-1',
  fireTimeOfDay: null,
  milestones: {
    'transition-review': { due: { relativeTo: 'fire', offset: 'PT5S' } },
    handover: { due: { relativeTo: 'fire', offset: 'PT5S' } },
  },
  escalation: { directorList: 'PT3S' },
};

const today = () => DateTime.now().setZone(DEFAULT_TIME_ZONE);
const JOURNEY_TIMEOUT = 240_000;

/** How long a journey waits for what the worker fires (twice the default of `eventually`). */
const FIRED_WITHIN = 60_000;

interface TaskItem {
  id: string;
  kind: string;
  status: string;
  pseudonym: string;
  trajectoryId: string;
  outcome: unknown;
}

/**
 * The three journeys of issue 6 in a real browser (Debian's chromium through playwright-core) against the real api,
 * worker, Temporal, PostgreSQL and OIDC issuer: a coordinator starts a trajectory, a partner completes a task, a
 * director sees an overdue handover. Every page visited is checked with axe-core (zero violations) and photographed
 * into test-artifacts/web/.
 */
describe('the web app in a browser', () => {
  let sut: Stack;
  let region: TestRegion;
  let browser: Browser;

  const as = requestsAs(() => sut);
  const startTrajectory = (pseudonym: string, body: Record<string, unknown>) =>
    openTrajectory(sut, region.users.coordinator, { pseudonym, ...body });

  const signedIn = (username: string, journey: string) => signInAs(browser, sut.url, username, journey);

  beforeAll(async () => {
    ({ sut, browser } = await startBrowserStack());
    region = await createTestRegion(sut.dataSource, POLICY);
  }, 15 * 60_000); // on a fresh machine chromium is installed and the web app built first: minutes
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  it(
    'a coordinator starts a trajectory with a guided form and sees its timeline',
    async () => {
      const page = await signedIn(region.users.coordinator, 'coordinator');
      await page.getByRole('heading', { level: 1, name: 'Trajecten' }).waitFor();
      await visit(page, 'coordinator-1-trajectories');

      // Keyboard first: the skip link is the first stop and takes the focus to the content.
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').textContent()).toBe('Direct naar de inhoud');

      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Traject starten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Traject starten' }).waitFor();
      await visit(page, 'coordinator-2-start-form');

      // Sent empty: every problem is listed above the form, in Dutch, and each field says what is wrong.
      const summary = await errorSummaryAfter(page, 'Traject starten');
      expect(await page.locator('.doorloop-error-summary:focus').count()).toBe(1);
      expect(summary).toContain('Pseudoniem: Vul dit veld in.');
      expect(summary).toContain('Verantwoordelijke gemeente: Maak een keuze.');
      await visit(page, 'coordinator-3-start-form-errors');

      // A name is refused before it leaves the browser, in Dutch; the hint names the region's prefix.
      expect(await page.getByText('het voorvoegsel van uw regio (TRJ)').count()).toBe(1);
      await page.getByLabel('Pseudoniem').fill('TRJ-PIET2009');
      await page.getByRole('button', { name: 'Traject starten' }).click();
      await page.getByText('Pseudoniem: Dit leest als een naam of woord').waitFor();

      await page.getByLabel('Pseudoniem').fill('trj-w3b1');
      await page.getByLabel('Geboortedatum').fill(today().minus({ years: 16, months: 2 }).toISODate() ?? '');
      await page.getByLabel('Verantwoordelijke gemeente').selectOption(region.municipalities[0]);
      await page.getByRole('button', { name: 'Ketenpartner toevoegen' }).click();
      await page.locator('#partners-0-organisationId').selectOption(region.organisations.police);
      expect(await page.locator('#partners-0-role').inputValue()).toBe('police');
      await page.getByRole('button', { name: 'Plaatsing toevoegen' }).click();
      await page.locator('#placements-0-type').selectOption('open-residential');
      await page.locator('#placements-0-providerOrganisationId').selectOption(region.organisations['youth-care']);
      await page.locator('#placements-0-startDate').fill(today().minus({ months: 1 }).toISODate() ?? '');
      await page.getByRole('button', { name: 'Traject starten' }).click();

      await page.getByRole('heading', { level: 1, name: 'Traject TRJ-W3B1' }).waitFor();
      await page.getByText('Traject TRJ-W3B1 is gestart.').waitFor();
      // The milestone timeline, not the legal-bases list of the "Overgang 18" panel, which shares its item style.
      await page.locator('.doorloop-timeline .doorloop-timeline__item').first().waitFor();
      expect(await page.locator('.doorloop-timeline').innerText()).toContain('Plaatsingsevaluatie');
      await visit(page, 'coordinator-4-trajectory');

      const stored = await as<{ items: { pseudonym: string; partners: unknown[]; placements: unknown[] }[] }>(
        region.users.coordinator,
        'GET',
        '/api/v1/trajectories?pseudonym=TRJ-W3B1',
      );
      expect(stored.body.items).toEqual([
        expect.objectContaining({
          pseudonym: 'TRJ-W3B1',
          partners: [{ organisationId: region.organisations.police, role: 'police' }],
          placements: [expect.objectContaining({ type: 'open-residential' })],
        }),
      ]);

      // Every change has its page; the closure asks the exit checklist before anything is sent.
      await page.getByRole('link', { name: 'Plaatsing wijzigen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Plaatsing wijzigen voor TRJ-W3B1' }).waitFor();
      await visit(page, 'coordinator-5-change-placement');
      await page.getByRole('link', { name: 'Annuleren' }).click();
      await page.getByRole('link', { name: 'Traject afsluiten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Traject TRJ-W3B1 afsluiten' }).waitFor();
      expect(await errorSummaryAfter(page, 'Traject afsluiten')).toContain('Wonen: Maak een keuze.');
      await page
        .getByRole('radiogroup', { name: 'Inkomen en financiën (ook schulden)' })
        .getByLabel('Niet geregeld')
        .check();
      await page.getByRole('textbox', { name: 'Reden' }).waitFor();
      await visit(page, 'coordinator-6-closure-checklist');
      await page.getByRole('link', { name: 'Annuleren' }).click();
      await page.getByRole('heading', { level: 1, name: 'Traject TRJ-W3B1' }).waitFor();

      // A pause asks why (issue 13): a change of placement asks the same, both with Dutch reasons.
      await page.getByRole('link', { name: 'Traject pauzeren' }).click();
      await page.getByRole('heading', { level: 1, name: 'Traject pauzeren voor TRJ-W3B1' }).waitFor();
      await visit(page, 'coordinator-6b-pause');
      expect(await errorSummaryAfter(page, 'Wijziging opslaan')).toContain('Reden van de pauze');
      await page.getByLabel('Reden van de pauze').selectOption({ label: 'Ziekenhuisopname' });
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.getByText('Het traject is gepauzeerd').waitFor();
      await page.getByRole('button', { name: 'Traject hervatten' }).click();
      await page.getByText('Het traject is hervat.').waitFor();

      // English on request, and the page's language says so.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Trajectory TRJ-W3B1' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await visit(page, 'coordinator-7-trajectory-en');
      await page.getByRole('button', { name: 'Naar Nederlands' }).click();
      expect(await page.locator('html').getAttribute('lang')).toBe('nl');
      await page.context().close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a coordinator changes each fact on its own page: a measure filled in to be extended, a partner, birth date, municipality',
    async () => {
      const day = (d: DateTime) => d.toISODate() ?? '';
      const otsEnd = day(today().plus({ months: 10 }));
      const trajectoryId = await startTrajectory('TRJ-C4NG', {
        birthDate: day(today().minus({ years: 16 })),
        municipalityCode: region.municipalities[0],
        partners: [{ organisationId: region.organisations.police, role: 'police' }],
        courtMeasures: [{ type: 'ots', startDate: day(today().minus({ months: 2 })), endDate: otsEnd }],
      });
      const stored = async () =>
        (
          await as<{
            birthDate: string;
            municipalityCode: string;
            partners: { organisationId: string; role: string }[];
            courtMeasures: { type: string; endDate: string }[];
          }>(region.users.coordinator, 'GET', `/api/v1/trajectories/${trajectoryId}`)
        ).body;
      const page = await signedIn(region.users.coordinator, 'changes');
      const trajectoryPage = async () => {
        await page.getByRole('heading', { level: 1, name: 'Traject TRJ-C4NG' }).waitFor();
        await page.getByText('De wijziging is opgeslagen en de planning is bijgewerkt.').waitFor();
      };
      await page.goto(`${sut.url}/trajectories/${trajectoryId}`);
      await page.getByRole('heading', { level: 1, name: 'Traject TRJ-C4NG' }).waitFor();

      // A measure's own page starts from what is stored: extending the OTS changes its end date only.
      await page.getByRole('link', { name: /^Maatregel wijzigen/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Rechterlijke maatregel voor TRJ-C4NG' }).waitFor();
      expect(await page.locator('#type').inputValue()).toBe('ots');
      expect(await page.locator('#endDate').inputValue()).toBe(otsEnd);
      await visit(page, 'changes-1-court-measure');
      const extended = day(today().plus({ months: 22 }));
      await page.locator('#endDate').fill(extended);
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await trajectoryPage();
      expect((await stored()).courtMeasures).toEqual([expect.objectContaining({ type: 'ots', endDate: extended })]);

      // A measure that is not there: no form to send.
      await page.goto(`${sut.url}/trajectories/${trajectoryId}/court-measures/00000000-0000-4000-8000-000000000000`);
      await page.getByRole('heading', { level: 1, name: 'Rechterlijke maatregel voor TRJ-C4NG' }).waitFor();
      await page.getByText('Deze pagina bestaat niet, of je hebt er geen toegang toe.').waitFor();
      expect(await page.getByRole('button', { name: 'Wijziging opslaan' }).count()).toBe(0);
      await page.goto(`${sut.url}/trajectories/${trajectoryId}`);

      // A partner: the organisation's own chain role is filled in.
      await page.getByRole('link', { name: 'Ketenpartner toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ketenpartner toevoegen aan TRJ-C4NG' }).waitFor();
      await page.locator('#organisationId').selectOption(region.organisations.school);
      expect(await page.locator('#role').inputValue()).toBe('school');
      await visit(page, 'changes-2-partner');
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await trajectoryPage();
      expect((await stored()).partners).toContainEqual({ organisationId: region.organisations.school, role: 'school' });

      // The birth date: one in the future is refused, on its field.
      await page.getByRole('link', { name: 'Geboortedatum corrigeren' }).click();
      await page.getByRole('heading', { level: 1, name: 'Geboortedatum corrigeren van TRJ-C4NG' }).waitFor();
      await page.getByLabel('Juiste geboortedatum').fill(day(today().plus({ days: 1 })));
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.locator('.doorloop-error-summary').waitFor();
      expect(await page.locator('.doorloop-error-summary').innerText()).toContain(
        'Juiste geboortedatum: Deze datum ligt in de toekomst.',
      );
      await visit(page, 'changes-3-birth-date-error');
      const corrected = day(today().minus({ years: 16, months: 3 }));
      await page.getByLabel('Juiste geboortedatum').fill(corrected);
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await trajectoryPage();
      expect((await stored()).birthDate).toBe(corrected);

      // The municipality: the current one is not offered.
      await page.getByRole('link', { name: 'Gemeente wijzigen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Verantwoordelijke gemeente van TRJ-C4NG' }).waitFor();
      const options = await page.locator('#municipalityCode option').all();
      const offered = await Promise.all(options.map((option) => option.getAttribute('value')));
      expect(offered).toContain(region.municipalities[1]);
      expect(offered).not.toContain(region.municipalities[0]);
      await visit(page, 'changes-4-municipality');
      await page.locator('#municipalityCode').selectOption(region.municipalities[1]);
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await trajectoryPage();
      expect((await stored()).municipalityCode).toBe(region.municipalities[1]);
      await page.context().close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a partner finds the task in the inbox, takes it and completes it with its structured form; another answers a handover',
    async () => {
      const trajectoryId = await startTrajectory('TRJ-P4RT', {
        birthDate: today().minus({ years: 17, months: 11 }).toISODate(),
        municipalityCode: region.municipalities[0],
        partners: regionPartners(region, 'youth-care', 'adult-care', 'police'),
      });
      const inbox = await eventually(
        () => as<{ items: TaskItem[] }>(region.users.police, 'GET', `/api/v1/tasks?trajectoryId=${trajectoryId}`),
        (r) => r.body.items.some((t) => t.kind === 'transition-review'),
        FIRED_WITHIN,
      );
      const task = inbox.body.items.find((t) => t.kind === 'transition-review');
      expect(task).toBeDefined();

      const page = await signedIn(region.users.police, 'partner');
      await page.getByRole('heading', { level: 1, name: /^Inbox van/ }).waitFor();
      await page
        .getByRole('row', { name: /TRJ-P4RT/ })
        .first()
        .waitFor();
      await visit(page, 'partner-1-inbox');

      await page
        .getByRole('row', { name: /TRJ-P4RT/ })
        .getByRole('link', { name: 'Transitiegesprek 18-/18+' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Transitiegesprek 18-/18+ — TRJ-P4RT' }).waitFor();
      await visit(page, 'partner-2-task');

      await page.getByRole('button', { name: 'Taak oppakken' }).click();
      await page.getByText('Je hebt deze taak opgepakt.').first().waitFor();

      expect(await errorSummaryAfter(page, 'Taak afronden')).toContain('Wensen van de jongere zelf: Vul dit veld in.');
      await visit(page, 'partner-3-task-form-errors');

      await page.locator('#plans-0-lifeDomain').selectOption('housing');
      await page.locator('#plans-0-plan').fill('Demo: begeleid wonen vanaf 18, kamer via de woningcorporatie.');
      await page.locator('#plans-0-owner').fill('Demo Wmo-consulent');
      await page.locator('#plans-0-date').fill(today().plus({ months: 2 }).toISODate() ?? '');
      await page.getByLabel('Wensen van de jongere zelf').fill('Demo: wil dicht bij school blijven wonen.');
      await page.getByRole('button', { name: 'Taak afronden' }).click();
      await page.getByText('De taak is afgerond. Dank je wel.').waitFor();
      await visit(page, 'partner-4-task-done');

      const done = await as<TaskItem>(region.users.police, 'GET', `/api/v1/tasks/${task?.id}`);
      expect(done.body).toMatchObject({
        status: 'done',
        outcome: {
          plans: [expect.objectContaining({ lifeDomain: 'housing', owner: 'Demo Wmo-consulent' })],
          wishes: 'Demo: wil dicht bij school blijven wonen.',
        },
      });
      await page.context().close();

      // The receiving side of the warm handover answers it: a rejection needs a reason.
      const handovers = await eventually(
        () =>
          as<{ items: (TaskItem & { handoverId: string | null })[] }>(
            region.users['adult-care'],
            'GET',
            `/api/v1/tasks?trajectoryId=${trajectoryId}&kind=handover`,
          ),
        (r) => r.body.items.some((t) => t.handoverId !== null),
        FIRED_WITHIN,
      );
      const handoverTask = handovers.body.items.find((t) => t.handoverId !== null);
      expect(handoverTask).toBeDefined();
      const receiver = await signedIn(region.users['adult-care'], 'partner-handover');
      await receiver.goto(`${sut.url}/tasks/${handoverTask?.id}`);
      await receiver.getByRole('heading', { level: 1, name: 'Warme overdracht — TRJ-P4RT' }).waitFor();
      await receiver.getByRole('radio', { name: 'Overdracht afwijzen' }).check();
      expect(await errorSummaryAfter(receiver, 'Besluit versturen')).toContain('Reden van afwijzing: Vul dit veld in.');
      await visit(receiver, 'partner-5-handover');
      await receiver.getByLabel('Reden van afwijzing').fill('Demo: eerst een kennismakingsgesprek met de jongere.');
      await receiver.getByRole('button', { name: 'Besluit versturen' }).click();
      await receiver.getByText('Je hebt de overdracht afgewezen.').waitFor();
      await visit(receiver, 'partner-6-handover-answered');
      const answered = await as<{ status: string; reason: string }>(
        region.users['adult-care'],
        'GET',
        `/api/v1/handovers/${handoverTask?.handoverId}`,
      );
      expect(answered.body).toMatchObject({
        status: 'rejected',
        reason: 'Demo: eerst een kennismakingsgesprek met de jongere.',
      });
      await receiver.context().close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a director sees an overdue handover of their municipality, in a table and in charts, and drills down',
    async () => {
      await startTrajectory('TRJ-D1R3', {
        birthDate: today().minus({ years: 17, months: 11 }).toISODate(),
        municipalityCode: region.municipalities[0],
        partners: regionPartners(region, 'youth-care', 'adult-care', 'wmo'),
      });
      const listed = await eventually(
        () =>
          as<{ items: { pseudonym: string; kind: string }[] }>(
            region.users.director,
            'GET',
            '/api/v1/overdue-handovers',
          ),
        (r) => r.body.items.some((i) => i.pseudonym === 'TRJ-D1R3' && i.kind === 'handover'),
        FIRED_WITHIN,
      );
      expect(listed.body.items.some((i) => i.pseudonym === 'TRJ-D1R3' && i.kind === 'handover')).toBe(true);

      const page = await signedIn(region.users.director, 'director');
      await page.getByRole('heading', { level: 1, name: /^Overzicht/ }).waitFor();
      const row = page.getByRole('row', { name: /TRJ-D1R3.*Warme overdracht/ });
      await row.waitFor();
      expect(await row.innerText()).toContain(`Demo youth-care ${region.suffix}`);
      expect(await row.innerText()).toContain(`Demo adult-care ${region.suffix}`);
      // The charts are images with a text alternative that names every bar.
      const perOrganisation = page.getByRole('img', { name: /per ontvangende organisatie/ });
      await perOrganisation.waitFor();
      expect(await perOrganisation.locator('desc').textContent()).toContain(`Demo adult-care ${region.suffix}`);
      await page.getByRole('heading', { name: 'Komende 18e verjaardagen' }).waitFor();
      await visit(page, 'director-1-overview');

      await row.getByRole('link', { name: 'TRJ-D1R3' }).click();
      await page.getByRole('heading', { level: 1, name: 'Traject TRJ-D1R3' }).waitFor();
      await page.getByRole('row', { name: /Warme overdracht/ }).waitFor();
      await visit(page, 'director-2-drill-down');

      // Signing out ends the session at the issuer too, and comes back to the sign-in page.
      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
      await page.waitForURL(`${sut.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
      expect(await page.evaluate<string | null>("sessionStorage.getItem('doorloop.session')")).toBeNull();
      await page.context().close();
    },
    JOURNEY_TIMEOUT,
  );
});
