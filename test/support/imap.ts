// A real IMAP server for tests (hoodiecrow-imap, in memory) on 127.0.0.1, and a client to put mail
// into it and look at what is there afterwards, over IMAP like any mail client.

import { createRequire } from 'node:module';
import type { AddressInfo, Server, Socket } from 'node:net';
import { ImapFlow } from 'imapflow';
import type { BounceMailboxConfig } from '../../src/config.ts';

interface Hoodiecrow {
  server: Server;
  listen(port: number, host: string, done: () => void): void;
  close(done?: () => void): void;
}

const require = createRequire(import.meta.url);
const hoodiecrow = require('hoodiecrow-imap') as (options: object) => Hoodiecrow;

export interface StoredMail {
  uid: number;
  flags: string[];
  subject: string;
}

export interface TestImapServer {
  /** The settings the bounce-mailbox reader needs to read this server's INBOX. */
  mailbox: BounceMailboxConfig;
  append(raw: string): Promise<void>;
  list(folder: string): Promise<StoredMail[]>;
  close(): Promise<void>;
}

export async function startTestImapServer(): Promise<TestImapServer> {
  const server = hoodiecrow({
    plugins: ['ID', 'ENABLE', 'UNSELECT'],
    storage: { INBOX: { messages: [] }, '': { separator: '/', folders: {} } },
  });
  // Without this, Nagle's algorithm and delayed ACKs add ~40 ms to each of the server's replies.
  server.server.on('connection', (socket: Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const mailbox: BounceMailboxConfig = {
    host: '127.0.0.1',
    port,
    secure: false,
    user: 'testuser',
    password: 'testpass',
    mailbox: 'INBOX',
    processedFolder: 'Processed',
    pollSeconds: 60,
  };
  const withClient = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: 'testuser', pass: 'testpass' },
      logger: false,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  };
  return {
    mailbox,
    append: (raw) => withClient(async (c) => void (await c.append('INBOX', raw))),
    list: (folder) =>
      withClient(async (c) => {
        const folders = await c.list();
        if (!folders.some((f) => f.path === folder)) return [];
        const lock = await c.getMailboxLock(folder);
        try {
          const all = await c.fetchAll('1:*', { uid: true, flags: true, envelope: true });
          return all.map((m) => ({
            uid: m.uid,
            flags: [...(m.flags ?? [])].sort(),
            subject: m.envelope?.subject ?? '',
          }));
        } catch {
          return [];
        } finally {
          lock.release();
        }
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
