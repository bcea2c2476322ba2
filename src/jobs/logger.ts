// A small JSON-lines logger for `followspot worker` (the server uses Fastify's pino logger).
import type { WorkerLogger } from './outbox-worker.ts';

const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

function serialise(obj: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    out[k] = v instanceof Error ? { type: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}

export function jsonLogger(level: string, write: (line: string) => void = (l) => process.stdout.write(l)) {
  const threshold = Math.max(0, levels.indexOf(level as (typeof levels)[number]));
  const at = (name: (typeof levels)[number]) => (obj: object, msg: string) => {
    if (levels.indexOf(name) < threshold) return;
    write(`${JSON.stringify({ level: name, time: new Date().toISOString(), ...serialise(obj), msg })}\n`);
  };
  const logger: WorkerLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return logger;
}
