// Every kind of background job the runner can run. A feature adds its handler (defineJobHandler in
// features/jobs/jobs.service.ts) to this list; a kind registered twice refuses to start.

import { composeJob, sendJob } from '../features/closure/close-the-rest-job.ts';
import { importJob } from '../features/imports/import-job.ts';
import type { RegisteredJobHandler } from '../features/jobs/jobs.service.ts';
import { opportunitiesJob } from '../features/network/network-opportunities.ts';
import { rollupJob } from '../features/reputation/rollup-job.ts';

export const jobHandlers: readonly RegisteredJobHandler[] = [
  opportunitiesJob,
  composeJob,
  sendJob,
  importJob,
  rollupJob,
];
