import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { startMailCatcher } from '../scripts/lib/mail-catcher';
import { mailCatcherDir, readMailbox, waitForMail } from './mailbox';

/** The local SMTP server of npm start and npm test: what it receives over real SMTP is what the tests read. */
describe('mail catcher', () => {
  it('stores what it receives over SMTP as one complete .eml file per message, envelope included', async () => {
    const smtpUrl = process.env.SMTP_URL;
    expect(smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    const subject = `Catcher check ${Date.now()}`;
    const info = await createTransport(smtpUrl).sendMail({
      from: 'Doorloop <noreply@doorloop.test>',
      to: 'politie@demo-politie.test',
      bcc: 'archief@demo-zorgcoordinatie.test',
      subject,
      text: 'Regel één\nRegel twee: ë, ü, €',
    });
    expect(info.accepted).toEqual(['politie@demo-politie.test', 'archief@demo-zorgcoordinatie.test']);

    // Delivered before the server answered 250, so no wait is needed; waitForMail would hide that.
    const [mail, ...more] = (await readMailbox()).filter((m) => m.subject === subject);
    expect(more).toEqual([]);
    expect(mail.to).toEqual(['politie@demo-politie.test']);
    expect(mail.from).toEqual(['noreply@doorloop.test']);
    expect(mail.envelopeTo).toEqual(['politie@demo-politie.test', 'archief@demo-zorgcoordinatie.test']);
    expect(mail.text.trim()).toBe('Regel één\nRegel twee: ë, ü, €');
    expect(mail.messageId).toBe(info.messageId);
    expect(mail.file).toMatch(/^\d+-[0-9a-f-]{36}\.eml$/);
    expect((await readdir(mailCatcherDir())).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('runs on a port and directory of its own, and stops', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doorloop-mail-'));
    const catcher = await startMailCatcher({ dir: join(dir, 'mail') });
    try {
      const transport = createTransport(catcher.url);
      await Promise.all(
        ['een', 'twee', 'drie'].map((word) =>
          transport.sendMail({ from: 'a@doorloop.test', to: 'b@doorloop.test', subject: word, text: word }),
        ),
      );
      const received = await waitForMail(() => true, { dir: catcher.dir, count: 3 });
      expect(received.map((m) => m.subject).sort()).toEqual(['drie', 'een', 'twee']);
    } finally {
      await catcher.stop();
      await rm(dir, { recursive: true, force: true });
    }
    await expect(
      createTransport({ url: catcher.url, connectionTimeout: 2_000 }).sendMail({
        from: 'a@doorloop.test',
        to: 'b@doorloop.test',
        text: 'x',
      }),
    ).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
