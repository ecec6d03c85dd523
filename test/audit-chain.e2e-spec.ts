import { DataSource } from 'typeorm';
import { GENESIS_HASH, type AuditEntry } from '@doorloop/audit';
import { AuditRecordRepository, dataSourceOptions } from '@doorloop/persistence';
import { auditEntry } from '../libs/audit/test/audit-entry.factory';
import { auditVerify, verifyStoredChain } from '../scripts/lib/audit-verify';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

/** The audit log in PostgreSQL: one chain under concurrency, append-only, and a verifier that finds the first break. */
describe('audit chain in PostgreSQL', () => {
  let db: ScratchDatabase;
  let sut: AuditRecordRepository;

  const entry = (i: number): AuditEntry =>
    auditEntry({ requestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, httpStatus: 200 });
  const verifyOutput = async () => {
    const lines: string[] = [];
    const code = await auditVerify(db.url, (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  };
  /** What an attacker with the owner's rights does: switch the guard off, change the table, switch it on again. */
  const tamper = async (sql: string, parameters: unknown[] = []) => {
    await db.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_update_or_delete');
      await manager.query(sql, parameters);
      await manager.query('ALTER TABLE audit_records ENABLE TRIGGER audit_records_no_update_or_delete');
    });
  };

  beforeAll(async () => {
    db = await createScratchDatabase();
    sut = new AuditRecordRepository(db.dataSource);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('reports an empty chain as OK', async () => {
    expect(await verifyOutput()).toEqual({ code: 0, output: 'Audit chain OK: no records yet.' });
  });

  it('keeps one unbroken chain when 50 appends race, from two api replicas', async () => {
    const replica = await new DataSource(dataSourceOptions(db.url)).initialize();
    try {
      const other = new AuditRecordRepository(replica);
      const appended = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? sut : other).append(entry(i))),
      );
      expect(appended.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
    } finally {
      await replica.destroy();
    }
    const stored = await sut.find({ limit: 100 });
    expect(stored[0].previousHash).toBe(GENESIS_HASH);
    for (let i = 1; i < stored.length; i++) {
      expect(stored[i].previousHash).toBe(stored[i - 1].hash);
      expect(stored[i].recordedAt.getTime()).toBeGreaterThanOrEqual(stored[i - 1].recordedAt.getTime());
    }
    const verdict = await verifyStoredChain(sut, 7);
    expect(verdict).toEqual({ ok: true, count: 50, head: { sequence: 50, hash: stored[49].hash } });
  });

  it('refuses UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
    await expect(db.dataSource.query(`UPDATE audit_records SET username = 'x' WHERE sequence = 1`)).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(db.dataSource.query('DELETE FROM audit_records WHERE sequence = 50')).rejects.toThrow(
      /append-only: DELETE/,
    );
    await expect(db.dataSource.query('TRUNCATE audit_records')).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await sut.find({ limit: 100 })).toHaveLength(50);
  });

  it('refuses a record that does not extend the head: no forks, no gaps', async () => {
    const [first] = await sut.find({ limit: 1 });
    const copy = async (sequence: number, previousHash: string) =>
      db.dataSource.query<unknown>(
        `INSERT INTO audit_records (sequence, recorded_at, action, object_ids, outcome, http_status, previous_hash, hash)
         VALUES ($1, now(), 'read', '{}', 'success', 200, $2, $3)`,
        [sequence, previousHash, 'f'.repeat(64)],
      );
    await expect(copy(51, first.hash)).rejects.toThrow(/must extend the head of the chain \(sequence 50\)/);
    await expect(copy(52, (await sut.find({ after: 49, limit: 1 }))[0].hash)).rejects.toThrow(/must extend the head/);
  });

  it('npm run audit:verify reports OK with the count, then exactly the first broken link after tampering', async () => {
    const before = await verifyOutput();
    expect(before.code).toBe(0);
    expect(before.output).toMatch(/^Audit chain OK: 50 records, head sequence 50, hash [0-9a-f]{64}\.$/);

    const [original] = await sut.find({ after: 16, limit: 1 });
    await tamper(`UPDATE audit_records SET http_status = 403 WHERE sequence = 17`);
    const changed = await verifyOutput();
    expect(changed.code).toBe(1);
    expect(changed.output).toMatch(
      new RegExp(
        `^Audit chain BROKEN at sequence 17: its content hashes to [0-9a-f]{64}, but it stores ${original.hash}: the record was changed`,
      ),
    );
    expect(changed.output).toContain('16 records before it verified.');

    await tamper(`UPDATE audit_records SET http_status = $1 WHERE sequence = 17`, [original.httpStatus]);
    expect((await verifyOutput()).code).toBe(0);

    await tamper('DELETE FROM audit_records WHERE sequence = 30');
    const deleted = await verifyOutput();
    expect(deleted.code).toBe(1);
    expect(deleted.output).toMatch(
      /^Audit chain BROKEN at sequence 31 \(record 30 in order\), where 30 was expected: records are missing/,
    );
    expect(deleted.output).toContain('29 records before it verified.');
  });
});
