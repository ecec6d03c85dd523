import type { HttpClient } from './http-client';
import { ratio, runConcurrently, sampleSequentially, summarise, type Latency } from './stats';

export interface AdapterFigures {
  /** Sequential requests: latency. */
  latency: Latency;
  /** `concurrency` requests in flight: requests per second. */
  perSecond: number;
  /** Audit records written per request: 1 when the adapter ran the whole pipeline (guard, interceptor, audit). */
  auditRecordsPerRequest: number;
}

export interface AdapterComparison {
  route: string;
  concurrency: number;
  rounds: number;
  express: AdapterFigures;
  fastify: AdapterFigures;
  /** Fastify's throughput ÷ Express's. */
  throughputRatio: number;
  /** Fastify's p50 latency ÷ Express's. */
  latencyRatioP50: number;
}

/**
 * The same route of the same module on the Express api and on the Fastify one, alternating in rounds so that neither
 * gets the quieter machine: sequential latency, then throughput with `concurrency` requests in flight.
 */
export async function compareAdapters(options: {
  express: HttpClient;
  fastify: HttpClient;
  path: string;
  token: string;
  samples: number;
  concurrency: number;
  rounds?: number;
  countAuditRecords: () => Promise<number>;
}): Promise<AdapterComparison> {
  const rounds = options.rounds ?? 3;
  const samples = { express: [] as number[], fastify: [] as number[] };
  const throughput = { express: { requests: 0, ms: 0 }, fastify: { requests: 0, ms: 0 } };
  const audited = { express: { requests: 0, records: 0 }, fastify: { requests: 0, records: 0 } };
  for (let round = 0; round < rounds; round++) {
    for (const adapter of ['express', 'fastify'] as const) {
      const client = options[adapter];
      const get = async () => {
        const response = await client.send('GET', options.path, { token: options.token });
        if (response.status !== 200) throw new Error(`${adapter} ${options.path}: ${response.status} ${response.text}`);
      };
      const before = await options.countAuditRecords();
      samples[adapter].push(...(await sampleSequentially(Math.ceil(options.samples / rounds), 20, get)));
      const requests = Array.from({ length: options.samples }, (_, i) => i);
      throughput[adapter].ms += await runConcurrently(requests, options.concurrency, get);
      throughput[adapter].requests += requests.length;
      audited[adapter].records += (await options.countAuditRecords()) - before;
      audited[adapter].requests += Math.ceil(options.samples / rounds) + 20 + requests.length;
    }
  }
  const figures = (adapter: 'express' | 'fastify'): AdapterFigures => ({
    latency: summarise(samples[adapter]),
    perSecond: Math.round((throughput[adapter].requests / (throughput[adapter].ms / 1000)) * 10) / 10,
    auditRecordsPerRequest: ratio(audited[adapter].records, audited[adapter].requests),
  });
  const express = figures('express');
  const fastify = figures('fastify');
  return {
    route: options.path,
    concurrency: options.concurrency,
    rounds,
    express,
    fastify,
    throughputRatio: ratio(fastify.perSecond, express.perSecond),
    latencyRatioP50: ratio(fastify.latency.p50, express.latency.p50),
  };
}
