import { DataSource } from 'typeorm';
import { EMPTY_CHAIN, describeBreak, verifySegment, type ChainBreak, type ChainHead } from '@doorloop/audit';
import { AuditRecordRepository, dataSourceOptions } from '@doorloop/persistence';

export type ChainVerification =
  { ok: true; count: number; head: ChainHead } | { ok: false; verified: number; broken: ChainBreak };

/** Reads the whole chain in batches, in sequence order, and stops at the first broken link. */
export async function verifyStoredChain(
  repository: AuditRecordRepository,
  batchSize = 1000,
): Promise<ChainVerification> {
  let head = EMPTY_CHAIN;
  let verified = 0;
  for await (const batch of repository.batches(batchSize)) {
    const result = verifySegment(batch, head, verified);
    if (!result.ok) return { ok: false, verified: result.verified, broken: result.broken };
    ({ head, verified } = result);
  }
  return { ok: true, count: verified, head };
}

/** `npm run audit:verify` without the process around it: prints the verdict and returns the exit code. */
export async function auditVerify(databaseUrl: string, print: (line: string) => void): Promise<number> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    const result = await verifyStoredChain(new AuditRecordRepository(dataSource));
    if (result.ok) {
      print(
        result.count === 0
          ? 'Audit chain OK: no records yet.'
          : `Audit chain OK: ${result.count} records, head sequence ${result.head.sequence}, hash ${result.head.hash}.`,
      );
      return 0;
    }
    print(`Audit chain BROKEN ${describeBreak(result.broken)}.`);
    print(`${result.verified} records before it verified.`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}
