import type { UserRole } from '@doorloop/contracts';
import type { Principal } from '../auth/principal';

/**
 * Why the data is accessed (NEN 7513 "doel"), from a fixed list so that records can be compared and counted. Codes are
 * stable; the Dutch descriptions are what an auditor reads.
 */
export const PURPOSES = {
  zorgcoordinatie: 'Coördinatie van het integrale traject',
  'uitvoering-taak': 'Uitvoeren van een toegewezen taak',
  'warme-overdracht': 'Overdracht aan een andere zorgaanbieder',
  'sturing-verantwoording': 'Gemeentelijke sturing en verantwoording',
  'functioneel-beheer': 'Functioneel beheer van de regio',
  controle: 'Controle op rechtmatig gebruik (NEN 7513)',
  incidentonderzoek: 'Onderzoek naar een beveiligingsincident of datalek',
} as const;
export type Purpose = keyof typeof PURPOSES;
export const PURPOSE_CODES = Object.keys(PURPOSES) as Purpose[];

/** The purpose a role has unless the client names another. */
export const DEFAULT_PURPOSE: Record<UserRole, Purpose> = {
  coordinator: 'zorgcoordinatie',
  partner: 'uitvoering-taak',
  director: 'sturing-verantwoording',
  admin: 'functioneel-beheer',
  auditor: 'controle',
};

export const PURPOSE_HEADER = 'X-Purpose';

/** The header's value when it names a known purpose; `invalid` when it is present but does not. */
export function requestedPurpose(header: string | string[] | undefined): Purpose | undefined | 'invalid' {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header : [header];
  return value.length === 1 && (PURPOSE_CODES as string[]).includes(value[0]) ? (value[0] as Purpose) : 'invalid';
}

/** The purpose to record: the one asked for, else the role's; null without a signed-in user or with a bad header. */
export function purposeOf(principal: Principal | undefined, header: string | string[] | undefined): Purpose | null {
  if (!principal) return null;
  const requested = requestedPurpose(header);
  if (requested === 'invalid') return null;
  return requested ?? DEFAULT_PURPOSE[principal.role];
}
