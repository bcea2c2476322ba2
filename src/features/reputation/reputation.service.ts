// Reputation's rules: the dashboard's figures (survey figures only from 5 responses; comments
// without names and only when no personal data is found in them), the survey and publishing
// settings, and what the public promise says (only from 10 closures in the last 12 months).
import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.ts';
import { findPersonalData } from '../../domain/personal-data.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import * as repo from './reputation.repository.ts';
import {
  type Metrics,
  type MetricsQuery,
  minimumClosures,
  minimumResponses,
  type PromisePreview,
  type ReputationSettingsResponse,
  type ReputationSettingsUpdate,
} from './reputation.schema.ts';
import * as rollup from './rollup.repository.ts';
import * as rollupRead from './rollup-read.repository.ts';

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Nearest-rank percentile of values given as groups of equal values with their counts. */
export function weightedPercentile(
  groups: readonly { days: number; count: number }[],
  p: number,
): number | null {
  const sorted = [...groups].sort((a, b) => a.days - b.days);
  const total = sorted.reduce((n, g) => n + g.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const g of sorted) {
    seen += g.count;
    if (seen >= rank) return g.days;
  }
  return sorted[sorted.length - 1]!.days;
}

const sum = <K extends string>(rows: readonly Record<K, number>[], key: K): number =>
  rows.reduce((n, r) => n + r[key], 0);

function surveyFigures(s: repo.SurveySums) {
  const enough = s.responses >= minimumResponses;
  return {
    responses: s.responses,
    nps: enough ? Math.round(((s.promoters - s.detractors) / s.responses) * 100) : null,
    toldOnTime: enough ? round1(s.toldSum / s.responses) : null,
    feedbackUseful: enough ? round1(s.usefulSum / s.responses) : null,
    treatedWithRespect: enough ? round1(s.respectSum / s.responses) : null,
  };
}

/** Start of the UTC month holding `d`. */
const monthStart = (d: Date) => DateTime.fromJSDate(d, { zone: 'utc' }).startOf('month');

/**
 * The whole UTC months a query covers: `from` snaps back to its month's start, `to` (exclusive)
 * forward to the next month's start unless it is one; by default the 12 months up to and
 * including the current one.
 */
export function snapPeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date) {
  const toInstant = query.to ? new Date(query.to) : now;
  const toStart = monthStart(toInstant);
  const to = toStart.toMillis() === toInstant.getTime() ? toStart : toStart.plus({ months: 1 });
  const from = query.from ? monthStart(new Date(query.from)) : to.minus({ months: 12 });
  return {
    from: from.toJSDate(),
    to: to.toJSDate(),
    fromMonth: from.toFormat('yyyy-MM'),
    toMonth: to.toFormat('yyyy-MM'),
  };
}

export function reputationService(ctx: AppContext) {
  async function metrics(organisationId: string, query: MetricsQuery): Promise<Metrics> {
    const now = ctx.now();
    const { from, to, fromMonth, toMonth } = snapPeriod(query, now);
    const dims: rollupRead.RollupFilter = {
      ...(query.venueId && { venueId: query.venueId }),
      ...(query.roleId && { roleId: query.roleId }),
      ...(query.hiringManagerId && { hiringManagerId: query.hiringManagerId }),
    };
    const filter: repo.MetricsFilter = { from, to, ...dims };
    const db = ctx.kysely;
    // Roles changed since the last read are recounted first, so the figures are exact.
    await rollup.recountStaleRoles(db, organisationId);
    const [months, untold, days, interviewers, notYetDue, comments] = await Promise.all([
      rollupRead.rollupMonths(db, organisationId, dims, fromMonth, toMonth),
      rollupRead.rollupUntold(db, organisationId, dims),
      rollupRead.rollupDays(db, organisationId, dims, fromMonth, toMonth),
      rollupRead.rollupInterviewers(db, organisationId, dims, fromMonth, toMonth),
      rollupRead.scorecardsNotYetDue(
        db,
        organisationId,
        dims,
        new Date(Math.max(now.getTime(), from.getTime())),
        to,
      ),
      repo.surveyComments(db, organisationId, filter, 50),
    ]);
    const t: rollup.Counts = Object.fromEntries(rollup.countColumns.map((k) => [k, 0])) as rollup.Counts;
    for (const m of months) for (const k of rollup.countColumns) t[k] += m.counts[k];
    const surveyOf = (c: rollup.Counts): repo.SurveySums => ({
      responses: c.responses,
      promoters: c.promoters,
      detractors: c.detractors,
      toldSum: c.told_sum,
      usefulSum: c.useful_sum,
      respectSum: c.respect_sum,
    });
    const daysByMonth = new Map<string, typeof days>();
    for (const g of days) {
      const list = daysByMonth.get(g.month);
      if (list) list.push(g);
      else daysByMonth.set(g.month, [g]);
    }
    const scorecards = interviewers
      .map((s) => {
        const later = notYetDue.get(s.interviewerId);
        return later
          ? {
              ...s,
              due: s.due - later.due,
              submitted: s.submitted - later.submitted,
              onTime: s.onTime - later.onTime,
            }
          : s;
      })
      .filter((s) => s.due > 0);
    let withheld = 0;
    const shown: Metrics['comments'] = [];
    if (t.responses >= minimumResponses) {
      for (const c of comments) {
        const text = c.comment!.trim();
        if (!text) continue;
        if (findPersonalData(text).length > 0) withheld += 1;
        else shown.push({ month: c.created_at.slice(0, 7), text });
      }
    } else {
      withheld = comments.length;
    }
    return {
      period: { from: from.toISOString(), to: to.toISOString() },
      closures: {
        decided: t.decided,
        told: t.decided_told,
        untold,
        closureRate: rate(t.decided_told, t.decided),
        toldOnTimeRate: rate(t.decided_on_time, t.decided_with_deadline),
        withHoldingUpdate: t.decided_held,
      },
      timeToTell: {
        samples: days.reduce((n, g) => n + g.count, 0),
        medianWorkingDays: weightedPercentile(days, 50),
        p90WorkingDays: weightedPercentile(days, 90),
      },
      survey: {
        ...surveyFigures(surveyOf(t)),
        asked: t.asked,
        responseRate: rate(t.responses, t.asked),
      },
      feedback: {
        holdingUpdatesSent: t.holding_updates,
        unsuccessfulInterviewed: t.unsuccessful,
        withCheckedFeedback: t.checked_feedback,
        checkedFeedbackRate: rate(t.checked_feedback, t.unsuccessful),
        firstDrafts: t.first_drafts,
        firstDraftPassRate: rate(t.first_drafts_passed, t.first_drafts),
      },
      scorecards: {
        due: sum(scorecards, 'due'),
        submitted: sum(scorecards, 'submitted'),
        onTime: sum(scorecards, 'onTime'),
        onTimeRate: rate(sum(scorecards, 'onTime'), sum(scorecards, 'due')),
        byInterviewer: scorecards.map((s) => ({ ...s, onTimeRate: rate(s.onTime, s.due) })),
      },
      network: {
        toldNotHired: t.told_not_hired,
        joined: t.joined_network,
        optInRate: rate(t.joined_network, t.told_not_hired),
        reengaged: t.reengaged,
        hiresFromNetwork: t.hires_from_network,
      },
      referrals: { received: t.referrals, hired: t.referrals_hired },
      monthly: months
        .filter((m) => m.counts.told > 0 || m.counts.responses > 0)
        .map((m) => ({
          month: m.month,
          told: m.counts.told,
          toldOnTimeRate: m.counts.told > 0 ? rate(m.counts.told_on_time, m.counts.told_with_deadline) : null,
          medianWorkingDays: weightedPercentile(daysByMonth.get(m.month) ?? [], 50),
          survey: surveyFigures(surveyOf(m.counts)),
        })),
      comments: shown,
      commentsWithheld: withheld,
    };
  }

  async function settings(organisationId: string): Promise<ReputationSettingsResponse> {
    const [s, org] = await Promise.all([
      repo.findSettings(ctx.kysely, organisationId),
      repo.findOrganisationName(ctx.kysely, organisationId),
    ]);
    const slug = org?.slug ?? '';
    return {
      surveyWorkingDays: s.surveyWorkingDays,
      published: s.promisePublishedAt !== null,
      publishedAt: s.promisePublishedAt,
      slug,
      publicUrl: `${ctx.config.publicUrl}/p/${encodeURIComponent(slug)}`,
    };
  }

  /** The public promise's lines for the last 12 months; `enoughData` false below 10 closures. */
  async function promise(organisationId: string): Promise<Omit<PromisePreview, 'published'>> {
    // The last 12 whole months, the current one left out.
    const to = monthStart(ctx.now());
    const figures = await metrics(organisationId, {
      from: to.minus({ months: 12 }).toISO()!,
      to: to.toISO()!,
    });
    const closures = figures.closures.told;
    const enoughData = closures >= minimumClosures;
    const lines: string[] = [];
    if (enoughData) {
      const onTime = figures.closures.toldOnTimeRate;
      if (onTime !== null)
        lines.push(`${Math.round(onTime * 100)}% of candidates heard by the date we promised`);
      if (figures.timeToTell.medianWorkingDays !== null) {
        lines.push(
          `Typically ${figures.timeToTell.medianWorkingDays} working days from interview to answer (${closures} candidates)`,
        );
      }
      if (figures.survey.nps !== null) {
        const nps = figures.survey.nps;
        lines.push(`NPS ${nps > 0 ? '+' : ''}${nps} from ${figures.survey.responses} candidates`);
      }
    }
    return { closures, enoughData, lines };
  }

  return {
    metrics,
    settings,
    async preview(organisationId: string): Promise<PromisePreview> {
      const s = await repo.findSettings(ctx.kysely, organisationId);
      return { published: s.promisePublishedAt !== null, ...(await promise(organisationId)) };
    },
    async updateSettings(actor: Actor, input: ReputationSettingsUpdate): Promise<ReputationSettingsResponse> {
      const now = ctx.now();
      const organisationId = actor.organisationId;
      const userId = actor.kind === 'member' ? actor.userId : null;
      await ctx.kysely.transaction().execute(async (tx) => {
        const before = await repo.findSettings(tx, organisationId);
        const publishedAt =
          input.published === undefined
            ? before.promisePublishedAt
            : input.published
              ? (before.promisePublishedAt ?? now.toISOString())
              : null;
        await repo.saveSettings(
          tx,
          organisationId,
          {
            surveyWorkingDays: input.surveyWorkingDays ?? before.surveyWorkingDays,
            promisePublishedAt: publishedAt,
          },
          userId,
          now,
        );
        if ((before.promisePublishedAt !== null) !== (publishedAt !== null)) {
          await recordAudit(
            tx,
            organisationId,
            actor,
            {
              action: publishedAt ? 'reputation.promise_published' : 'reputation.promise_unpublished',
              subjectType: 'organisation',
              subjectId: organisationId,
              detail: {},
            },
            now,
          );
        }
      });
      return settings(organisationId);
    },
    /** The public page's figures by slug; undefined (a 404) unless published with enough data. */
    async publicPromise(slug: string) {
      const org = await repo.findPublishedOrganisation(ctx.kysely, slug);
      if (!org) return undefined;
      const p = await promise(org.id);
      if (!p.enoughData) return undefined;
      return { name: org.name, slug: org.slug, lines: p.lines };
    },
  };
}
