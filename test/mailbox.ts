import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { waitUntil } from '../scripts/lib/wait-until';

/** One message the local mail catcher received, parsed. */
export interface ReceivedMail {
  file: string;
  /** RCPT TO of the SMTP envelope: where the mail was actually delivered. */
  envelopeTo: string[];
  to: string[];
  from: string[];
  subject: string;
  text: string;
  messageId: string | undefined;
  headers: Map<string, unknown>;
  /** The whole message as received, for checks on everything it carries (headers included). */
  raw: string;
}

/** The directory global-setup's mail catcher delivers to. */
export function mailCatcherDir(): string {
  const dir = process.env.MAIL_CATCHER_DIR;
  if (!dir) throw new Error('MAIL_CATCHER_DIR is not set: run this as an integration test (test/global-setup.ts)');
  return dir;
}

/** Every message in the mailbox, oldest first. Files still being written (dot-names) are not messages yet. */
export async function readMailbox(dir = mailCatcherDir()): Promise<ReceivedMail[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.eml') && !name.startsWith('.')).sort();
  return Promise.all(files.map(async (file) => parseMail(file, await readFile(join(dir, file), 'utf8'))));
}

/**
 * Polls the mailbox until at least `count` messages match, and returns the matching ones. The mailbox is shared by
 * every test file of the run: match on something only this test sends (a pseudonym, a recipient).
 */
export async function waitForMail(
  matches: (mail: ReceivedMail) => boolean,
  { count = 1, timeoutMs = 15_000, dir = mailCatcherDir() }: { count?: number; timeoutMs?: number; dir?: string } = {},
): Promise<ReceivedMail[]> {
  let found: ReceivedMail[] = [];
  await waitUntil(
    `${count} mail(s) matching in ${dir}`,
    async () => {
      found = (await readMailbox(dir)).filter(matches);
      return found.length >= count;
    },
    timeoutMs,
    100,
  );
  return found;
}

async function parseMail(file: string, raw: string): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
    [field ?? []]
      .flat()
      .flatMap((group) => group.value)
      .map((entry) => entry.address ?? '');
  const envelope = parsed.headers.get('x-envelope-to');
  return {
    file,
    envelopeTo: typeof envelope === 'string' ? [...envelope.matchAll(/<([^>]*)>/g)].map(([, address]) => address) : [],
    to: addresses(parsed.to),
    from: addresses(parsed.from),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    messageId: parsed.messageId,
    headers: parsed.headers,
    raw,
  };
}
