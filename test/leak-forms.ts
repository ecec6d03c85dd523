import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';

/**
 * The forms a secret takes where data goes: as it is, as hex, as base64 and as quoted-printable. Base64 of a secret
 * inside a longer text depends on where it starts within a group of three bytes, so each of the three alignments is
 * a form of its own (the characters that mix in the neighbouring bytes left out).
 */
export function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('hex'), ...[0, 1, 2].map((offset) => base64At(bytes, offset)), quotedPrintable(bytes)];
}

/** The base64 characters that `bytes` alone determine when `offset` (0–2) other bytes come before them. */
export function base64At(bytes: Buffer, offset: number): string {
  const text = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  const first = Math.ceil((8 * offset) / 6);
  const last = Math.floor((8 * (offset + bytes.length)) / 6); // exclusive: the first character reaching past them
  return text.slice(first, last);
}

/** Quoted-printable (RFC 2045) as a mail writer encodes text: printable ASCII as is, every other byte and `=` as =XX. */
export function quotedPrintable(bytes: Buffer): string {
  return [...bytes]
    .map((byte) =>
      byte >= 32 && byte <= 126 && byte !== 61
        ? String.fromCharCode(byte)
        : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/**
 * Which of `secrets` occur in `text` in any of their forms, case-insensitively. Line breaks are taken out first (mail
 * wraps base64 at 76 characters, quoted-printable with soft breaks `=` + line break), and the text is also searched
 * with them kept.
 */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
  const unwrapped = text.replace(/=\r?\n/g, '').replace(/\r?\n/g, '');
  const haystacks = [text, unwrapped].map((t) => t.toLowerCase());
  return secrets.filter((secret) =>
    encodedForms(secret).some((form) => haystacks.some((haystack) => haystack.includes(form.toLowerCase()))),
  );
}

/** Which of `secrets` occur in raw bytes, in any of their forms (read as latin1, so no byte is lost or merged). */
export function secretsInBytes(bytes: Buffer, secrets: readonly string[]): string[] {
  const asText = bytes.toString('latin1');
  return secrets.filter((secret) =>
    encodedForms(secret).some((form) => asText.includes(Buffer.from(form, 'utf8').toString('latin1'))),
  );
}

/**
 * A message as its reader sees it: every header decoded, every MIME part (text, html, attachments) decoded from its
 * transfer encoding (base64, quoted-printable), joined into one text to search.
 */
export async function decodedMail(raw: string): Promise<string> {
  const mail = await simpleParser(raw);
  const headers = [...mail.headers.entries()].map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  const parts = [mail.subject ?? '', mail.text ?? '', typeof mail.html === 'string' ? mail.html : ''];
  const attachments = mail.attachments.map((attachment) => attachment.content.toString('utf8'));
  return [...headers, ...parts, ...attachments].join('\n');
}

/**
 * Eight random letters from g–z: no UUID, hex id or timestamp holds them by chance. Short on purpose: a JSON parser's
 * message quotes about ten characters from where it choked, so a body that puts this word there shows any echo.
 */
export function unlikelyWord(): string {
  return [...randomBytes(8)].map((byte) => String.fromCharCode(103 + (byte % 20))).join('');
}
