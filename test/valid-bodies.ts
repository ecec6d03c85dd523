import { bornAgo, plusMonths, today } from './dates';
import { defaultPayloadConverter } from '@temporalio/common';
import { dataConverter } from '@doorloop/temporal';
import type { Stack } from './stack';
import type { TestRegion } from './test-region';
import { pseudonym } from './pseudonyms';

/** A payload in the codec protocol (the protobuf JSON the Temporal UI sends). */
export interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

/** A payload encrypted by the stack's own codec, as a worker would have written it: the kind the endpoint decodes. */
export async function encryptedPayload(stack: Stack): Promise<JsonPayload> {
  const [codec] = dataConverter(stack.config).payloadCodecs ?? [];
  const [{ metadata, data }] = await codec.encode([defaultPayloadConverter.toPayload('Demo')]);
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')]),
    ),
    data: Buffer.from(data ?? []).toString('base64'),
  };
}

/**
 * The body its owner would send, valid and naming only objects of `region` (the codec route: `codecPayload`): a 400 would prove nothing, and the same
 * request by the owner must succeed (the positive control). A route added without a body here fails the test.
 */
export function validBody(route: string, region: TestRegion, codecPayload?: JsonPayload): unknown {
  const bodies: Record<string, unknown> = {
    'POST /trajectories': {
      pseudonym: pseudonym(),
      birthDate: bornAgo(15),
      municipalityCode: region.municipalities[0],
      partners: [{ organisationId: region.organisations.police, role: 'police' }],
    },
    'POST /trajectories/{id}/placements': {
      type: 'ambulant',
      startDate: today(),
      providerOrganisationId: region.organisations['youth-care'],
      changeReason: 'other',
      changeReasonText: 'Demo: matrixtest',
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
    'POST /trajectories/{id}/legal-bases': { legalBases: [] },
    'POST /trajectories/{id}/handovers': { receivingOrganisationId: region.organisations['adult-care'] },
    // Only a closed trajectory reopens: the matrix sends it after the closure.
    'POST /trajectories/{id}/reopenings': { date: today(), reason: 'Demo: matrixtest' },
    // Test regions keep no identifying fields: an empty identity is the one valid replacement.
    'PUT /trajectories/{id}/identity': {},
    'POST /tasks/{id}/completion': { outcome: { summary: 'Demo: matrixtest' } },
    'POST /handovers/{id}/acknowledgement': { accepted: true },
    'POST /temporal-codec/decode': { payloads: [codecPayload] },
    // Synthetic subject: a BSN that passes the 11-proof.
    'POST /signals': {
      category: 'missing',
      description: 'Demo: matrixtest',
      meldcodeStep: 'step-1-map-signals',
      subject: { bsn: '111222333' },
    },
    'POST /signals/{id}/triage': { outcome: 'no-action', reason: 'Demo: matrixtest' },
    'POST /tasks/{id}/claim': undefined,
    'POST /trajectories/{id}/pauses': { reason: 'other', reasonText: 'Demo: matrixtest' },
    // The matrix's trajectories have a placement it names in the path; treatment starts today.
    'POST /trajectories/{id}/placements/{placementId}/treatment-start': { treatmentStartDate: today() },
    'POST /trajectories/{id}/missing-episodes': {
      since: new Date(Date.now() - 3_600_000).toISOString(),
      lastSeen: 'Demo: matrixtest',
      policeReportMade: true,
    },
    'POST /trajectories/{id}/missing-episodes/{episodeId}/return': undefined,
    'POST /trajectories/{id}/resumptions': undefined,
  };
  if (route.startsWith('GET ') || route.startsWith('DELETE ')) return undefined;
  if (!(route in bodies)) throw new Error(`No body for ${route}: add one to the matrix test`);
  if (route === 'POST /temporal-codec/decode' && !codecPayload)
    throw new Error(`${route} needs encryptedPayload(stack)`);
  return bodies[route];
}
