import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Mail, type SMTPSentMessageInfo, type SMTPTransportOptions } from 'nodemailer';
import { APP_CONFIG, requireSmtpUrl, type AppConfig } from '@doorloop/config';

export interface OutgoingMail {
  to: string;
  language: string;
  subject: string;
  text: string;
  /** The id part of a Message-ID (`local@domain`), without the angle brackets; see `Mailer.messageId`. */
  messageId: string;
}

/**
 * The SMTP relay of SMTP_URL (nodemailer). Without one, which only a worker started by hand outside production can be,
 * it is disabled: the notifying activity then answers `sent: 0` and records nothing, and those escalations go unmailed
 * (npm start and the tests always give the worker a relay).
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport?: Mail<SMTPSentMessageInfo, SMTPTransportOptions>;
  private readonly domain: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const url = requireSmtpUrl(config);
    // Short timeouts: a send runs inside the transaction that records it (NotificationRepository.sendOnce), and a relay
    // that hangs should fail the activity attempt, which Temporal retries, rather than hold a connection for minutes.
    if (url)
      this.transport = createTransport({
        url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
    else this.logger.warn('SMTP_URL is not set: escalation mails are not sent (allowed outside production only)');
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM)?.[1] ?? 'doorloop.invalid';
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  /** A Message-ID in the sender's domain, the same for the same `key`: a duplicate is recognisable as one. */
  messageId(key: string): string {
    return `${key}@${this.domain}`;
  }

  /** Hands the mail to the relay; resolves once the relay accepted it, throws when it did not. */
  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new Error('Mailer: no SMTP_URL configured');
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.messageId}>`,
      headers: {
        // RFC 3834: machine-sent, so out-of-office replies and other auto-responders stay quiet.
        'Auto-Submitted': 'auto-generated',
        'Content-Language': mail.language,
      },
    });
  }

  /** Frees pooled connections when SMTP_URL asks for a pool (`?pool=true`); mail being delivered still goes out. */
  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
