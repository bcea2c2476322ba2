// Process-wide measurements that are not about one HTTP app (the sweep runs beside it, or alone in a
// worker); GET /metrics reports them with the app's own.
import { Histogram, Registry } from 'prom-client';

export const processRegistry = new Registry();

export const sweepDuration = new Histogram({
  name: 'followspot_sweep_duration_seconds',
  help: 'How long one decision-clock sweep took',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [processRegistry],
});
