import { describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { createVerp } from './verp.ts';

describe('VERP return paths', () => {
  const verp = createVerp({ local: 'bounces', domain: 'venue.example' }, 'a'.repeat(32));
  const id = newId(Date.now());

  it('names the message in a return path only a holder of SECRET can make', () => {
    const address = verp.returnPath(id);
    expect(address).toMatch(/^bounces\+[0-9a-z]{26}-[0-9a-f]{16}@venue\.example$/);
    expect(verp.messageIdOf(address)).toBe(id);
    expect(verp.messageIdOf(`<${address.toUpperCase()}>`)).toBe(id);
    expect(verp.messageIdOf(verp.token(id))).toBe(id);
    // Another secret, another message's MAC, another mailbox: none names the message.
    const other = createVerp({ local: 'bounces', domain: 'venue.example' }, 'b'.repeat(32));
    expect(verp.messageIdOf(other.returnPath(id))).toBeUndefined();
    const otherId = newId(Date.now() + 1);
    expect(
      verp.messageIdOf(`bounces+${id}-${verp.token(otherId).split('-')[1]}@venue.example`),
    ).toBeUndefined();
    expect(verp.messageIdOf(address.replace('venue.example', 'elsewhere.example'))).toBeUndefined();
    expect(verp.messageIdOf('bounces@venue.example')).toBeUndefined();
  });
});
