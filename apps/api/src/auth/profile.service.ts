import { Injectable } from '@nestjs/common';
import type { Me } from '@doorloop/contracts';
import { UserRepository } from '@doorloop/persistence';
import { ProblemError } from '../http/problem';
import type { Principal } from './principal';

/** Who the signed-in user is, as the web app shows it: name, role, organisation and scope. */
@Injectable()
export class ProfileService {
  constructor(private readonly users: UserRepository) {}

  async me(principal: Principal): Promise<Me> {
    const profile = await this.users.findProfile(principal.userId);
    // The guard found this user a moment ago; gone now means deleted in between.
    if (!profile) throw ProblemError.notFound('This user');
    const { user, organisationName, pseudonymPrefix } = profile;
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      regionId: user.regionId,
      organisationId: user.organisationId,
      organisationName,
      municipalityCodes: user.municipalityCodes,
      pseudonymPrefix,
    };
  }
}
