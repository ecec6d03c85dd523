import { bornAgo, plusMonths, today } from './dates';
import type { TestRegion } from './test-region';

/** A plain JSON payload in the codec protocol: not encrypted, so decoding gives it back as it is. */
export const PLAIN_PAYLOAD = {
  metadata: { encoding: Buffer.from('json/plain').toString('base64') },
  data: Buffer.from('"Demo"').toString('base64'),
};

/**
 * The body its owner would send, valid and naming only objects of `region`: a 400 would prove nothing, and the same
 * request by the owner must succeed (the positive control). A route added without a body here fails the test.
 */
export function validBody(route: string, region: TestRegion): unknown {
  const bodies: Record<string, unknown> = {
    'POST /trajectories': {
      pseudonym: `TRJ-N${region.suffix.slice(0, 3).toUpperCase()}`,
      birthDate: bornAgo(15),
      municipalityCode: region.municipalities[0],
      partners: [{ organisationId: region.organisations.police, role: 'police' }],
    },
    'POST /trajectories/{id}/placements': {
      type: 'ambulant',
      startDate: today(),
      providerOrganisationId: region.organisations['youth-care'],
    },
    'POST /trajectories/{id}/court-measures': { type: 'ots', startDate: today(), endDate: plusMonths(today(), 6) },
    'PUT /trajectories/{id}/court-measures/{courtMeasureId}': {
      type: 'ots',
      startDate: today(),
      endDate: plusMonths(today(), 9),
    },
    'POST /trajectories/{id}/birth-date-corrections': { birthDate: bornAgo(17, 10) },
    'POST /trajectories/{id}/partners': { organisationId: region.organisations.police, role: 'police' },
    'POST /trajectories/{id}/municipality-changes': { municipalityCode: region.municipalities[1] },
    'POST /trajectories/{id}/closure': { date: today(), override: { reason: 'Demo: matrixtest' } },
    // Test regions keep no identifying fields: an empty identity is the one valid replacement.
    'PUT /trajectories/{id}/identity': {},
    'POST /tasks/{id}/completion': { outcome: { summary: 'Demo: matrixtest' } },
    'POST /handovers/{id}/acknowledgement': { accepted: true },
    'POST /temporal-codec/decode': { payloads: [PLAIN_PAYLOAD] },
    'POST /tasks/{id}/claim': undefined,
    'POST /trajectories/{id}/pauses': undefined,
    'POST /trajectories/{id}/resumptions': undefined,
  };
  if (route.startsWith('GET ') || route.startsWith('DELETE ')) return undefined;
  if (!(route in bodies)) throw new Error(`No body for ${route}: add one to the matrix test`);
  return bodies[route];
}
