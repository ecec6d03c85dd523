import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface MailCatcher {
  /** `smtp://127.0.0.1:PORT`: what SMTP_URL is set to for the apps. */
  url: string;
  port: number;
  /** Where each received message lands as `<received-at>-<id>.eml`. */
  dir: string;
  stop(): Promise<void>;
}

/** Largest message accepted (the escalation mails are a few kilobytes). */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * A real SMTP server on the loopback interface that delivers every message it accepts to a directory, one `.eml` file
 * each (RFC 5322 as received, with Return-Path and X-Envelope-To prepended as a delivering server would). The local
 * stand-in for a mail relay in `npm start` and the tests: the apps talk real SMTP to it, and what they sent can be read
 * back from disk. No authentication and no TLS: it listens on 127.0.0.1 only.
 *
 * A file appears whole or not at all (written under a dot-name, then renamed), and before the server answers 250: once
 * the sender's `sendMail` resolved, the message is on disk.
 */
export async function startMailCatcher(options: { dir: string; port?: number }): Promise<MailCatcher> {
  const { dir } = options;
  // Owner-only, like the rest of DATA_DIR: the mails name the young people's partners and escalations.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'Doorloop local mail catcher',
    closeTimeout: 2_000,
    onData(stream, session, callback) {
      deliver(stream, session, dir).then(
        () => callback(null, 'Delivered to the local mailbox'),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function deliver(
  stream: Readable & { sizeExceeded: boolean },
  session: SMTPServerSession,
  dir: string,
): Promise<void> {
  const name = `${Date.now()}-${randomUUID()}.eml`;
  const partial = join(dir, `.${name}.partial`);
  const { mailFrom, rcptTo } = session.envelope;
  const oneLine = (address: string) => address.replace(/[\r\n]/g, '');
  const trace =
    `Return-Path: <${mailFrom ? oneLine(mailFrom.address) : ''}>\r\n` +
    `X-Envelope-To: ${rcptTo.map((rcpt) => `<${oneLine(rcpt.address)}>`).join(', ')}\r\n`;
  try {
    await pipeline(Readable.from(prepend(trace, stream)), createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    if (stream.sizeExceeded) {
      throw Object.assign(new Error(`Message exceeds ${MAX_MESSAGE_BYTES} bytes`), { responseCode: 552 });
    }
    await rename(partial, join(dir, name));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function* prepend(head: string, body: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  yield Buffer.from(head, 'utf8');
  for await (const chunk of body) yield chunk;
}
