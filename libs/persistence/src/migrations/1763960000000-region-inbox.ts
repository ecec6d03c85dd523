import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coordinator's view of a whole region: its inbox (every task still to do in the region, in due order) and its
 * trajectory list. Without these the region inbox sorted every open task of the region (170 ms of SQL for the largest
 * region at a million tasks) and a small region's trajectories were found by a scan of all trajectories (see
 * docs/performance.md).
 */
export class RegionInbox1763960000000 implements MigrationInterface {
  name = 'RegionInbox1763960000000';

  async up(db: QueryRunner): Promise<void> {
    // Walked in due order, keeping the region's tasks: a large region fills a page within its first few hundred rows.
    await db.query(`CREATE INDEX tasks_active_due_idx ON tasks (due_at, id) WHERE status IN ('open', 'claimed')`);
    // A small region starts from its own trajectories instead; the trajectory list pages by (created_at, id).
    await db.query(`CREATE INDEX trajectories_region_idx ON trajectories (region_id, created_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX trajectories_region_idx`);
    await db.query(`DROP INDEX tasks_active_due_idx`);
  }
}
