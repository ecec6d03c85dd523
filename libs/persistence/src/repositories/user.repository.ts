import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationEntity, UserEntity } from '../entities';

/** A user with the name of their organisation: what the api says about the signed-in user (`GET /me`). */
export interface UserProfile {
  user: UserEntity;
  organisationName: string | null;
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
    const organisation = user.organisationId
      ? await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: user.organisationId })
      : null;
    return { user, organisationName: organisation?.name ?? null };
  }
}
