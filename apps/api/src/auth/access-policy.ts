import type { TaskScope, TrajectoryScope } from '@doorloop/persistence';
import { ProblemError } from '../http/problem';
import type { Principal } from './principal';

/**
 * Need-to-know, in one place. Controllers declare which roles may call a route (`Allow`); the services ask this
 * module which objects a principal may reach, and the repositories filter by that scope, so an object outside it is
 * never read and answers 404 like one that does not exist. See docs/security.md for the whole matrix.
 */

/** Partners reach their own organisation's tasks; coordinators every task of their region's trajectories. */
export function taskScope(principal: Principal): TaskScope {
  if (principal.role === 'partner' && principal.organisationId !== null) {
    return { organisationId: principal.organisationId };
  }
  if (principal.role === 'coordinator') return { regionId: principal.regionId };
  throw forbidden();
}

/** Which trajectories a principal reaches: coordinators their region's; directors their municipalities' (aggregates and pseudonyms only). */
export function trajectoryScope(principal: Principal): TrajectoryScope {
  if (principal.role === 'coordinator') return { regionId: principal.regionId };
  if (principal.role === 'director') {
    return { regionId: principal.regionId, municipalityCodes: principal.municipalityCodes };
  }
  throw forbidden();
}

/**
 * Whose workflow histories an admin may read decrypted through the codec: the trajectories of the own region. Payloads
 * of other regions' workflows stay encrypted for them (issue 19, finding 3).
 */
export function payloadScope(principal: Principal): TrajectoryScope {
  if (principal.role === 'admin') return { regionId: principal.regionId };
  throw forbidden();
}

function forbidden(): ProblemError {
  return new ProblemError('forbidden', 'Your role does not give access to this.');
}

/**
 * Auditors read the audit log of their own region: records by its users or about its trajectories. Records that name
 * neither (a request without a valid token) belong to no region and are for the operators, in the database.
 */
export function auditScope(principal: Principal): { regionId: string } {
  if (principal.role === 'auditor') return { regionId: principal.regionId };
  throw forbidden();
}
