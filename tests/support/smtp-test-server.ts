// Node (tests). A real SMTP server on loopback for tests and Playwright specs: STARTTLS (or implicit TLS) with
// a self-signed certificate made here, AUTH PLAIN/LOGIN against one account, every message parsed with
// mailparser. Never a mock: the app's real nodemailer client talks SMTP to it over real sockets.
//
//   const smtp = await startSmtpTestServer();            // STARTTLS + AUTH on a free port
//   core = createTestCore({ mailTransport: testTransportFactory(smtp) });  // trusts smtp.certificate
//   ... configure the app with smtp.port, smtp.username, smtp.password ...
//   const [mail] = await smtp.waitForMessages(1);         // mail.text, mail.html, mail.subject, mail.to
//   smtp.authAttempts                                     // every AUTH it received: method, user, password, over TLS or not
//
//   const trap = await startSmtpTestServer({ noTls: true }); // the attack: no TLS at all, takes any login in clear
//   await smtp.close();
import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer } from 'smtp-server';
import { createNodemailerTransportFactory, type NodemailerTransportOptions } from '../../electron/core/email/nodemailer-transport';
import type { MailTransportFactory } from '../../electron/core/email/mail-transport';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Who logged in to send it. */
  user: string | null;
  subject: string;
  text: string;
  html: string;
  /** The whole message as it arrived, headers and MIME parts included. */
  raw: string;
  parsed: ParsedMail;
}

/** One AUTH PLAIN/LOGIN the server received, whatever it answered: what a hostile server would have kept. */
export interface ReceivedAuth {
  method: string;
  username: string;
  password: string;
  /** Whether the connection was encrypted (implicit TLS or after STARTTLS) when the credentials arrived. */
  secure: boolean;
}

export interface SmtpTestServer {
  host: '127.0.0.1';
  port: number;
  username: string;
  password: string;
  /** PEM of the self-signed certificate: give it to the client as a trusted certificate. */
  certificate: string;
  messages: ReceivedMail[];
  authAttempts: ReceivedAuth[];
  /** Resolves with the first `count` messages once they have all arrived; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface SmtpTestServerOptions {
  /** Listen on this port (e.g. to bring back a server that was down); default: a free one. */
  port?: number;
  username?: string;
  password?: string;
  /** Implicit TLS from the first byte (port 465 style) instead of STARTTLS. */
  implicitTls?: boolean;
  /**
   * No encryption at all: STARTTLS is neither offered nor accepted, AUTH is taken in clear and any login is
   * accepted. The hostile listener a leaked password would reach; also "a relay that does not offer STARTTLS".
   */
  noTls?: boolean;
  /** MAIL FROM addresses refused with 553. */
  rejectSenders?: string[];
  /** RCPT TO addresses refused with 550. */
  rejectRecipients?: string[];
}

let certificate: Promise<{ key: string; cert: string }> | null = null;

/** One certificate per process for 127.0.0.1 and localhost (RSA generation is slow). */
export function testCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}

export async function startSmtpTestServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const { key, cert } = await testCertificate();
  const username = options.username ?? 'atelier@usine.example';
  const password = options.password ?? 'mot-de-passe-smtp-9Xq!';
  const messages: ReceivedMail[] = [];
  const authAttempts: ReceivedAuth[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    secure: options.implicitTls ?? false,
    key,
    cert,
    logger: false,
    // AUTH only after TLS (the default), as real providers do; the noTls trap takes it in clear.
    authMethods: ['PLAIN', 'LOGIN'],
    ...(options.noTls ? { disabledCommands: ['STARTTLS'], allowInsecureAuth: true } : {}),
    onAuth(auth, session, callback) {
      authAttempts.push({ method: auth.method, username: auth.username ?? '', password: auth.password ?? '', secure: session.secure });
      if (options.noTls) callback(null, { user: auth.username ?? '' });
      else if (auth.username === username && auth.password === password) callback(null, { user: username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(address, _session, callback) {
      if (options.rejectSenders?.includes(address.address)) callback(Object.assign(new Error('Sender address rejected'), { responseCode: 553 }));
      else callback();
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.includes(address.address)) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              user: typeof session.user === 'string' ? session.user : null,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              raw: raw.toString('utf8'),
              parsed,
            });
            waiters.splice(0).forEach((wake) => wake());
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.server.address() as net.AddressInfo).port));
  });
  server.on('error', () => undefined);

  return {
    host: '127.0.0.1',
    port,
    username,
    password,
    certificate: cert,
    messages,
    authAttempts,
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`Expected ${count} message(s), got ${messages.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return messages.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A server that accepts TCP connections and never says a word (a firewall or a hung relay). */
export async function startStalledServer(): Promise<{ port: number; connections: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const state = { connections: 0 };
  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  return {
    port,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (taken, then released): "the server is down". */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The app's real nodemailer factory, trusting the test certificate, with short timeouts so failure tests stay fast. */
export async function testTransportFactory(overrides: NodemailerTransportOptions = {}): Promise<MailTransportFactory> {
  const { cert } = await testCertificate();
  return createNodemailerTransportFactory({
    connectionTimeoutMs: 3000,
    greetingTimeoutMs: 2000,
    socketTimeoutMs: 5000,
    trustedCertificates: [cert],
    ...overrides,
  });
}
