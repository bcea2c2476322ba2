import { expect, it } from 'vitest';
import { loadConfig } from './config.ts';

it('runs retention hourly unless RETENTION_SWEEP_MINUTES says otherwise, and names a bad value', () => {
  expect(loadConfig({} as NodeJS.ProcessEnv).retentionSweepMinutes).toBe(60);
  expect(loadConfig({ RETENTION_SWEEP_MINUTES: '1440' } as NodeJS.ProcessEnv).retentionSweepMinutes).toBe(
    1440,
  );
  for (const bad of ['0', '1441', '2.5', 'hourly']) {
    expect(() => loadConfig({ RETENTION_SWEEP_MINUTES: bad } as NodeJS.ProcessEnv)).toThrow(
      /RETENTION_SWEEP_MINUTES/,
    );
  }
});
