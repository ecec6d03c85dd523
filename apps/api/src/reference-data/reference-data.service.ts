import { Injectable } from '@nestjs/common';
import { ReferenceDataRepository } from '@doorloop/persistence';
import type { Principal } from '../auth/principal';

/** The chain's address book as a user sees it: the organisations and municipalities of their own region only. */
@Injectable()
export class ReferenceDataService {
  constructor(private readonly referenceData: ReferenceDataRepository) {}

  async organisations(principal: Principal) {
    const rows = await this.referenceData.listOrganisations(principal.regionId);
    return rows.map(({ id, name, role, municipalityCode }) => ({ id, name, role, municipalityCode }));
  }

  async municipalities(principal: Principal) {
    const rows = await this.referenceData.listMunicipalities(principal.regionId);
    return rows.map(({ code, name }) => ({ code, name }));
  }
}
