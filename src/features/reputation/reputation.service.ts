// Reputation's rules: the dashboard's figures (survey figures only from 5 responses; comments
// without names and only when no personal data is found in them), the survey and publishing
// settings, and what the public promise says (only from 10 closures in the last 12 months).
import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.ts';
import { type Nation, workingDaysCounter } from '../../domain/calendar.ts';
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

const sum = <K extends string>(rows: readonly Record<K, number>[], key: K) =>
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

export function reputationService(ctx: AppContext) {
  async function metrics(organisationId: string, query: MetricsQuery): Promise<Metrics> {
    const to = query.to ? new Date(query.to) : ctx.now();
    const from = query.from ? new Date(query.from) : DateTime.fromJSDate(to).minus({ months: 12 }).toJSDate();
    const filter: repo.MetricsFilter = {
      from,
      to,
      ...(query.venueId && { venueId: query.venueId }),
      ...(query.roleId && { roleId: query.roleId }),
      ...(query.hiringManagerId && { hiringManagerId: query.hiringManagerId }),
    };
    const db = ctx.kysely;
    const [
      closures,
      told,
      monthlyTold,
      survey,
      surveyMonthly,
      comments,
      closureDays,
      feedback,
      scorecards,
      network,
      referrals,
    ] = await Promise.all([
      repo.closureFigures(db, organisationId, filter),
      repo.toldRows(db, organisationId, filter),
      repo.monthlyTold(db, organisationId, filter),
      repo.surveyTotals(db, organisationId, filter),
      repo.surveyMonthly(db, organisationId, filter),
      repo.surveyComments(db, organisationId, filter, 50),
      repo.organisationClosures(db, organisationId),
      repo.feedbackFigures(db, organisationId, filter),
      repo.scorecardsByInterviewer(db, organisationId, filter, ctx.now()),
      repo.networkFigures(db, organisationId, filter),
      repo.referralFigures(db, organisationId, filter),
    ]);
    // Working days once per group of the same calendar and hours (see repo.toldRows).
    // One counter per venue calendar remembers local days and working days across the groups.
    const counters = new Map<string, (from: Date, to: Date) => number>();
    const groups = told.map((r) => {
      const key = `${r.region}|${r.timezone}`;
      let count = counters.get(key);
      if (!count) {
        count = workingDaysCounter({
          nation: r.region as Nation,
          timezone: r.timezone,
          closures: closureDays,
        });
        counters.set(key, count);
      }
      return {
        month: r.toldHour.slice(0, 7),
        count: r.count,
        days: count(new Date(`${r.endHour}:00:00.000Z`), new Date(`${r.toldHour}:00:00.000Z`)),
      };
    });
    const groupsByMonth = new Map<string, typeof groups>();
    for (const g of groups) {
      const list = groupsByMonth.get(g.month);
      if (list) list.push(g);
      else groupsByMonth.set(g.month, [g]);
    }
    const medianByMonth = new Map<string, number | null>();
    for (const [month, list] of groupsByMonth) medianByMonth.set(month, weightedPercentile(list, 50));
    const samples = groups.reduce((n, g) => n + g.count, 0);
    const byMonth = new Map(surveyMonthly.map((m) => [m.month, m]));
    const months = [...new Set([...monthlyTold.map((m) => m.month), ...byMonth.keys()])].sort();
    const toldByMonth = new Map(monthlyTold.map((m) => [m.month, m]));
    const empty: repo.SurveySums = {
      responses: 0,
      promoters: 0,
      detractors: 0,
      toldSum: 0,
      usefulSum: 0,
      respectSum: 0,
    };
    let withheld = 0;
    const shown: Metrics['comments'] = [];
    if (survey.responses >= minimumResponses) {
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
        decided: closures.decided,
        told: closures.told,
        untold: closures.untold,
        closureRate: rate(closures.told, closures.decided),
        toldOnTimeRate: rate(closures.toldOnTime, closures.toldWithDeadline),
        withHoldingUpdate: closures.withHoldingUpdate,
      },
      timeToTell: {
        samples,
        medianWorkingDays: weightedPercentile(groups, 50),
        p90WorkingDays: weightedPercentile(groups, 90),
      },
      survey: {
        ...surveyFigures(survey),
        asked: survey.asked,
        responseRate: rate(survey.responses, survey.asked),
      },
      feedback: {
        holdingUpdatesSent: feedback.holdingUpdatesSent,
        unsuccessfulInterviewed: feedback.unsuccessfulInterviewed,
        withCheckedFeedback: feedback.withCheckedFeedback,
        checkedFeedbackRate: rate(feedback.withCheckedFeedback, feedback.unsuccessfulInterviewed),
        firstDrafts: feedback.firstDrafts,
        firstDraftPassRate: rate(feedback.firstDraftsPassed, feedback.firstDrafts),
      },
      scorecards: {
        due: sum(scorecards, 'due'),
        submitted: sum(scorecards, 'submitted'),
        onTime: sum(scorecards, 'onTime'),
        onTimeRate: rate(sum(scorecards, 'onTime'), sum(scorecards, 'due')),
        byInterviewer: scorecards.map((s) => ({ ...s, onTimeRate: rate(s.onTime, s.due) })),
      },
      network: {
        toldNotHired: network.toldNotHired,
        joined: network.joinedNetwork,
        optInRate: rate(network.joinedNetwork, network.toldNotHired),
        reengaged: network.reengaged,
        hiresFromNetwork: network.hiresFromNetwork,
      },
      referrals,
      monthly: months.map((month) => {
        const t = toldByMonth.get(month);
        return {
          month,
          told: t?.told ?? 0,
          toldOnTimeRate: t ? rate(t.onTime, t.withDeadline) : null,
          medianWorkingDays: medianByMonth.get(month) ?? null,
          survey: surveyFigures(byMonth.get(month) ?? empty),
        };
      }),
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
    const figures = await metrics(organisationId, {});
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
