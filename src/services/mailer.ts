/**
 * E-mail for お知らせ (issue 13 point 13) through nodemailer, when an SMTP server is configured (LGWAN mail is SMTP).
 * GYOKAKU_SMTP_URL (e.g. smtp://mail.example.lg.jp:25) and GYOKAKU_MAIL_FROM; without them no e-mail is sent.
 */
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A mailer for an SMTP URL (smtp:// or smtps://); `from` is the sender's address. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

/** The configured mailer, or null when GYOKAKU_SMTP_URL is not set. */
export function mailerFromEnv(env: NodeJS.ProcessEnv): Mailer | null {
  const url = env["GYOKAKU_SMTP_URL"];
  if (!url) return null;
  return smtpMailer(url, env["GYOKAKU_MAIL_FROM"] ?? "gyokaku@localhost");
}

/** The first e-mail address written in a text such as a unit's 連絡先 (「内線 1234 gyokan@city.example.lg.jp」), or null. */
export function emailIn(text: string): string | null {
  return /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.exec(text)?.[0] ?? null;
}
