import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pseudonym names one trajectory in its region and starts with the region's prefix (issue 19, finding 7). The
 * prefix is the region's to choose; every region starts with `TRJ`. Two trajectories of one region that already share
 * a pseudonym stop the migration with a message rather than being renamed behind the coordinators' backs: rename one
 * of each pair (the message gives the query), then migrate again.
 */
export class Pseudonyms1763990000000 implements MigrationInterface {
  name = 'Pseudonyms1763990000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE regions ADD COLUMN pseudonym_prefix varchar(6) NOT NULL DEFAULT 'TRJ'
         CONSTRAINT regions_pseudonym_prefix_check CHECK (pseudonym_prefix ~ '^[A-Z]{2,6}$')`,
    );
    const duplicates = `SELECT region_id, pseudonym, count(*) AS trajectories FROM trajectories
      GROUP BY region_id, pseudonym HAVING count(*) > 1`;
    const [{ count }] = (await db.query(`SELECT count(*)::int AS count FROM (${duplicates}) d`)) as { count: number }[];
    if (count > 0) {
      throw new Error(
        `${count} pseudonym(s) are used by more than one trajectory of the same region. Give each trajectory its own ` +
          `pseudonym (find them with: ${duplicates.replace(/\s+/g, ' ')}), then run the migrations again.`,
      );
    }
    await db.query(`CREATE UNIQUE INDEX trajectories_region_pseudonym_key ON trajectories (region_id, pseudonym)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX trajectories_region_pseudonym_key`);
    await db.query(`ALTER TABLE regions DROP COLUMN pseudonym_prefix`);
  }
}
