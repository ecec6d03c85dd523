import fc from 'fast-check';
import { base64At, decodedMail, encodedForms, quotedPrintable, secretsIn, secretsInBytes } from './leak-forms';

describe('leak forms: a secret found however it is encoded', () => {
  const secret = 'Demo Kanarie-3fa9c1 999999990';

  it('finds base64 of the secret inside any longer text, at every alignment', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 10 }), fc.uint8Array({ maxLength: 10 }), (before, after) => {
        const text = Buffer.concat([Buffer.from(before), Buffer.from(secret), Buffer.from(after)]).toString('base64');
        expect(secretsIn(text, [secret])).toEqual([secret]);
      }),
    );
  });

  it('has three distinct base64 alignments, each a piece of the base64 of the secret after that many bytes', () => {
    const bytes = Buffer.from(secret);
    const forms = [0, 1, 2].map((offset) => base64At(bytes, offset));
    expect(new Set(forms).size).toBe(3);
    forms.forEach((form, offset) =>
      expect(Buffer.concat([Buffer.from('xy').subarray(0, offset), bytes]).toString('base64')).toContain(form),
    );
  });

  it('encodes quoted-printable like RFC 2045 (checked against hand-encoded examples)', () => {
    expect(quotedPrintable(Buffer.from('a=b é\u0000'))).toBe('a=3Db =C3=A9=00');
    expect(secretsIn('Naam: Demo Kanarie-3fa9c1=\r\n 999999990', [secret])).toEqual([secret]);
  });

  it('finds hex and plain forms in bytes, and nothing in unrelated bytes', () => {
    expect(encodedForms(secret)).toContain(Buffer.from(secret).toString('hex'));
    expect(secretsInBytes(Buffer.from(`..${Buffer.from(secret).toString('hex')}..`), [secret])).toEqual([secret]);
    expect(secretsInBytes(Buffer.from('Demo Kanarie-000000'), [secret])).toEqual([]);
  });

  it('decodes every MIME part of a mail, base64 and quoted-printable', async () => {
    const raw = [
      'Subject: =?UTF-8?B?' + Buffer.from('Herinnering TRJ-7F3K').toString('base64') + '?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Eerste=20deel',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>Tweede deel</p>').toString('base64'),
      '--b--',
      '',
    ].join('\r\n');
    const text = await decodedMail(raw);
    for (const part of ['Herinnering TRJ-7F3K', 'Eerste deel', 'Tweede deel']) expect(text).toContain(part);
  });
});
