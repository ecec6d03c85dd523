import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationEntity, RegionEntity, UserEntity } from '../entities';

/** A user with the name of their organisation and their region's pseudonym prefix: what `GET /me` says. */
export interface UserProfile {
  user: UserEntity;
  organisationName: string | null;
  pseudonymPrefix: string;
}

/** The users table: who may sign in, with their role and scope. */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ username });
  }

  async findProfile(userId: string): Promise<UserProfile | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) return null;
    const [organisation, region] = await Promise.all([
      user.organisationId
        ? this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: user.organisationId })
        : null,
      this.dataSource.getRepository(RegionEntity).findOneByOrFail({ id: user.regionId }),
    ]);
    return { user, organisationName: organisation?.name ?? null, pseudonymPrefix: region.pseudonymPrefix };
  }
}
