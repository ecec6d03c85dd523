import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';

/**
 * The worker of the raw comparison, in a process of its own like the trajectory worker: it runs `emptyWorkflow` on a
 * bench-only task queue, with the SDK's defaults (no payload codec). Reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and
 * BENCH_TASK_QUEUE; stops on SIGTERM.
 */
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('./empty.workflow'),
    logger: { log: () => {}, info: () => {}, warn: () => {}, error: console.error, debug: () => {}, trace: () => {} },
  });
  const connection = await NativeConnection.connect({ address: required('TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: required('BENCH_TASK_QUEUE'),
    workflowBundle: { code },
  });
  process.once('SIGTERM', () => worker.shutdown());
  process.send?.('ready');
  await worker.run();
  await connection.close();
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
