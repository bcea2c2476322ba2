// The decision-clock sweep: what happens because time passes and nothing else does. Runs every minute
// inside `followspot serve` (unless --no-worker) and `followspot worker`, and once with
// `followspot sweep --once`. Every step is derived from the database's state at `now` (the context's
// clock) and keyed (src/features/decision-clock/nudges.service.ts), so any number of processes can
// sweep at the same time and each nudge still happens exactly once.

import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { refreshPlannerStatistics, statisticsIntervalMs } from '../db/maintenance.ts';
import {
  escalateOverdueDecisions,
  moveEndedToAwaitingDecision,
  repairClocks,
  type StepResult,
  type SweepContext,
  sendAutomaticHoldingUpdates,
  sendDecisionReminders,
  sendManagerDigests,
  sendScorecardReminders,
} from '../features/decision-clock/nudges.service.ts';
import {
  expireMemberships,
  sendFutureFitReminders,
  sendInvitationReminders,
  sendReconsentRequests,
} from '../features/network/network-sweep.ts';
import { applyRetentionWhenDue } from '../features/privacy/retention-sweep.ts';
import { recountStaleRollups } from '../features/reputation/rollup-job.ts';
import { sendExperienceSurveys } from '../features/reputation/survey-sweep.ts';
import { sweepDuration } from '../metrics.ts';
import { abortableSleep, type WorkerLogger } from './outbox-worker.ts';

export interface DecisionClockSweepResult {
  /** Applications whose clock was computed for the first time. */
  repaired: number;
  movedToAwaitingDecision: number;
  decisionReminders: number;
  escalations: number;
  automaticHoldingUpdates: number;
  scorecardReminders: number;
  managerDigests: number;
  futureFitReminders: number;
  networkInvitationReminders: number;
  reconsentRequests: number;
  networkExpiries: number;
  experienceSurveys: number;
  /** Candidates anonymised by retention (after the network's expiries; once a period, default hourly). */
  retentionAnonymised: number;
  /** Items or steps that failed (logged; tried again next time). */
  failed: number;
}

const silentLogger: WorkerLogger = { info() {}, warn() {}, error() {} };

// In this order: a moved stage counts in the digest; a deadline missed while no sweep ran is
// escalated before an automatic holding update moves it.
const steps = [
  ['repaired', repairClocks],
  ['movedToAwaitingDecision', moveEndedToAwaitingDecision],
  ['decisionReminders', sendDecisionReminders],
  ['escalations', escalateOverdueDecisions],
  ['automaticHoldingUpdates', sendAutomaticHoldingUpdates],
  ['scorecardReminders', sendScorecardReminders],
  ['managerDigests', sendManagerDigests],
  ['futureFitReminders', sendFutureFitReminders],
  ['networkInvitationReminders', sendInvitationReminders],
  ['reconsentRequests', sendReconsentRequests],
  ['networkExpiries', expireMemberships],
  ['experienceSurveys', sendExperienceSurveys],
  ['retentionAnonymised', applyRetentionWhenDue],
] as const;

/** One sweep at the context's `now`. */
export async function runDecisionClockSweep(
  ctx: SweepContext,
  options: { logger?: WorkerLogger } = {},
): Promise<DecisionClockSweepResult> {
  const log = options.logger ?? silentLogger;
  const now = ctx.now();
  const result: DecisionClockSweepResult = {
    repaired: 0,
    movedToAwaitingDecision: 0,
    decisionReminders: 0,
    escalations: 0,
    automaticHoldingUpdates: 0,
    scorecardReminders: 0,
    managerDigests: 0,
    futureFitReminders: 0,
    networkInvitationReminders: 0,
    reconsentRequests: 0,
    networkExpiries: 0,
    experienceSurveys: 0,
    retentionAnonymised: 0,
    failed: 0,
  };
  for (const [name, step] of steps) {
    // A turn of the event loop between steps, so requests are answered while a sweep runs on SQLite.
    await yieldToRequests();
    let outcome: StepResult;
    try {
      outcome = await step(ctx, now, log);
    } catch (err) {
      log.error({ step: name, err }, 'decision clock: a sweep step failed; it runs again at the next sweep');
      result.failed += 1;
      continue;
    }
    result[name] += outcome.done;
    result.failed += outcome.failed;
  }
  return result;
}

export interface DecisionClockSweeper {
  /** Sweeps now and then every interval, in the background. */
  start(): void;
  /** Finishes the sweep in progress and stops. */
  stop(): Promise<void>;
  runOnce(): Promise<DecisionClockSweepResult>;
}

export interface SweeperOptions {
  /** Between the start of one sweep and the next (default 60 s). */
  intervalMs?: number;
  /** Between refreshes of the planner's statistics, the first at the first sweep (default 6 h). */
  statisticsIntervalMs?: number;
  logger?: WorkerLogger;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export function createDecisionClockSweeper(
  ctx: SweepContext,
  options: SweeperOptions = {},
): DecisionClockSweeper {
  const intervalMs = options.intervalMs ?? 60_000;
  const log = options.logger ?? silentLogger;
  const sleep = options.sleep ?? abortableSleep;
  const abort = new AbortController();
  let stopping = false;
  let running: Promise<void> | undefined;

  const runOnce = async () => {
    const stopTimer = sweepDuration.startTimer();
    try {
      return await runDecisionClockSweep(ctx, { logger: log });
    } finally {
      stopTimer();
    }
  };
  const statisticsEvery = options.statisticsIntervalMs ?? statisticsIntervalMs;
  let statisticsAt: number | undefined;

  // Any number of sweepers may do this at once: it only reads the tables and updates statistics.
  async function refreshStatisticsWhenDue(): Promise<void> {
    if (statisticsAt !== undefined && Date.now() - statisticsAt < statisticsEvery) return;
    statisticsAt = Date.now();
    try {
      await refreshPlannerStatistics(ctx.kysely);
    } catch (err) {
      log.warn({ err }, 'refreshing the database planner statistics failed; tried again later');
    }
  }

  // Outside the sweep's result: it keeps a cache of figures, it does nothing for anyone.
  async function recountRollups(): Promise<void> {
    try {
      const roles = await recountStaleRollups(ctx.kysely, log);
      if (roles > 0) log.info({ roles }, 'reputation rollup recounted');
    } catch (err) {
      log.warn({ err }, 'recounting the reputation rollup failed; the next read recounts');
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const started = Date.now();
      try {
        const result = await runOnce();
        const { failed, ...done } = result;
        if (Object.values(done).some((n) => n > 0) || failed > 0)
          log.info({ ...result }, 'decision clock swept');
      } catch (err) {
        log.error({ err }, 'decision clock sweep failed');
      }
      await recountRollups();
      await refreshStatisticsWhenDue();
      const wait = Math.max(0, intervalMs - (Date.now() - started));
      if (!stopping) await sleep(wait, abort.signal);
    }
  }

  return {
    start() {
      if (running) return;
      running = loop();
    },
    async stop() {
      stopping = true;
      abort.abort();
      if (running) await running;
    },
    runOnce,
  };
}

/** The sweeper of an application context, started. */
export function startDecisionClockSweeper(
  ctx: SweepContext,
  options: SweeperOptions = {},
): DecisionClockSweeper {
  const sweeper = createDecisionClockSweeper(ctx, options);
  sweeper.start();
  return sweeper;
}
