import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MunicipalityEntity, OrganisationEntity, RegionEntity } from '../entities';

/** Regions, municipalities and organisations: the chain's address book. */
@Injectable()
export class ReferenceDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A region's organisations: a user sees the chain partners of their own region only. */
  listOrganisations(regionId: string): Promise<OrganisationEntity[]> {
    return this.dataSource
      .getRepository(OrganisationEntity)
      .find({ where: { regionId }, order: { name: 'ASC', id: 'ASC' } });
  }

  findOrganisations(ids: readonly string[]): Promise<OrganisationEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.id IN (:...ids)', { ids })
      .getMany();
  }

  listMunicipalities(regionId: string): Promise<MunicipalityEntity[]> {
    return this.dataSource.getRepository(MunicipalityEntity).find({ where: { regionId }, order: { code: 'ASC' } });
  }

  findMunicipality(code: string): Promise<MunicipalityEntity | null> {
    return this.dataSource.getRepository(MunicipalityEntity).findOneBy({ code });
  }

  /** The organisation that acts for a municipality (role `municipality`, with its CBS code), if the region has one. */
  findMunicipalityOrganisation(regionId: string, code: string): Promise<OrganisationEntity | null> {
    return this.dataSource
      .getRepository(OrganisationEntity)
      .findOne({ where: { regionId, role: 'municipality', municipalityCode: code }, order: { createdAt: 'ASC' } });
  }

  findRegion(id: string): Promise<RegionEntity | null> {
    return this.dataSource.getRepository(RegionEntity).findOneBy({ id });
  }

  /** The coordinating organisation of a region (the one the region's care coordinators work for). */
  findCoordinatorOrganisation(regionId: string): Promise<OrganisationEntity | null> {
    return this.dataSource
      .getRepository(OrganisationEntity)
      .findOne({ where: { regionId, role: 'coordinator' }, order: { createdAt: 'ASC' } });
  }
}
