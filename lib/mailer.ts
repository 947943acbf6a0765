/**
 * The worker's SMTP sender (nodemailer), configured by `SMTP_URL` and `MAIL_FROM`. Only the worker
 * builds one and hands it to the activities (docs/adr/0101-e-mail-from-an-outbox-drained-by-the-worker.md).
 */
import nodemailer from 'nodemailer';

/** One e-mail to send. */
interface TMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface TMailer {
  /** Sends one message; throws when the server does not take it. */
  send(mail: TMail): Promise<void>;
  close(): void;
}

/** An SMTP mailer: `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…` (TLS). */
export function createSmtpMailer(url: string, from: string): TMailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close() {
      transport.close();
    },
  };
}
