import { Agent, request } from 'node:http';

export interface HttpResponse {
  status: number;
  text: string;
}

/**
 * A keep-alive HTTP/1.1 client on node:http: one pooled connection per concurrent request, so that a latency sample
 * is the api's time plus one loopback round trip, not a TCP handshake (fetch's pool would do too, at more client CPU).
 */
export class HttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    maxSockets = 64,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<HttpResponse> {
    const url = new URL(path, this.baseUrl);
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Sends and insists on a 2xx; returns the parsed JSON body. */
  async json<T>(method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`${method} ${path}: ${response.status} ${response.text.slice(0, 500)}`);
    }
    return (response.text ? JSON.parse(response.text) : undefined) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}
