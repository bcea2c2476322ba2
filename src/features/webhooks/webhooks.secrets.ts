// Signing secrets: Standard Webhooks signs with HMAC, so the secret must be readable by the worker;
// it cannot be stored as a hash like API keys. It is stored encrypted (AES-256-GCM) under a key
// derived from SECRET, so a copy of the database alone does not reveal it.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

function keyFrom(appSecret: string): Buffer {
  return createHash('sha256').update(`followspot:webhook-secret:${appSecret}`).digest();
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function encryptSecret(appSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(appSecret), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
    '.',
  );
}

export function decryptSecret(appSecret: string, stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unreadable webhook secret');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(appSecret), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}
