// Ranking talent-network members for a role: pure, no I/O. Each member's fit blends how their assessed
// criterion levels meet the role's required levels (by weight), training done since, skills,
// availability, region and travel, and how recent the assessment is; every rank comes with its reasons
// in words, so a manager can see why someone is suggested.
import { type Level, levelLabels } from './frameworks/types.ts';

export interface RoleCriterion {
  key: string;
  name: string;
  /** 0–5; 0 = not assessed for this role. */
  weight: number;
  requiredLevel: Level;
}

export interface RoleToMatch {
  criteria: readonly RoleCriterion[];
  /** Skills the role asks for (lower or any case); none means skills do not count. */
  skills: readonly string[];
  /** The venue's region and city, compared case-insensitively with the member's region. */
  places: readonly string[];
  /** A permanent role wants members available for permanent work; a casual one, casual crew. */
  kind: 'permanent' | 'casual';
}

export interface TrainingCompleted {
  criterionKey: string;
  title: string;
  /** YYYY-MM-DD, when known. */
  completedOn: string | null;
}

export interface MemberToMatch {
  candidateId: string;
  name: string;
  /** The level reached per criterion key, from submitted scorecards. */
  levels: Readonly<Record<string, Level>>;
  /** When they were last assessed (ISO); null if never. */
  assessedAt: string | null;
  skills: readonly string[];
  permanent: boolean;
  freelance: boolean;
  casualCrew: boolean;
  region: string | null;
  travelMiles: number | null;
  training: readonly TrainingCompleted[];
}

export interface MemberMatch {
  candidateId: string;
  name: string;
  /** 0–100. */
  score: number;
  reasons: string[];
  /** The reasons in one line, e.g. "Lighting: Strong (required Competent); RF: Developing, completed …". */
  explanation: string;
}

/** How much each part counts; they add up to 1. */
export const matchWeights = {
  criteria: 0.55,
  skills: 0.1,
  availability: 0.1,
  place: 0.15,
  recency: 0.1,
} as const;

/** Training done on a criterion counts as half a level above what was assessed (up to Strong). */
export const trainingCredit = 0.5;
/** An assessment older than this adds nothing for recency. */
const recencyMonths = 36;
/** Travelling this far makes any venue reachable. */
const farTravelMiles = 100;

const monthMs = 30.44 * 86_400_000;
const key = (s: string) => s.trim().toLowerCase();

function monthName(date: string | null): string | null {
  if (!date || !/^\d{4}-\d{2}/.test(date)) return null;
  const month = Number(date.slice(5, 7));
  return (
    [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ][month - 1] ?? null
  );
}

function criteriaFit(role: RoleToMatch, member: MemberToMatch): { fit: number; reasons: string[] } {
  const assessed = role.criteria.filter((c) => c.weight > 0);
  const total = assessed.reduce((sum, c) => sum + c.weight, 0);
  const reasons: string[] = [];
  let met = 0;
  for (const c of [...assessed].sort((a, b) => b.weight - a.weight || a.key.localeCompare(b.key))) {
    const level = member.levels[c.key];
    const trained = member.training.filter((t) => t.criterionKey === c.key);
    const effective =
      level === undefined ? 0 : Math.min(4, level + (trained.length > 0 ? trainingCredit : 0));
    met += c.weight * Math.min(1, effective / c.requiredLevel);
    if (level === undefined) continue;
    let reason = `${c.name}: ${levelLabels[level]}`;
    if (level < c.requiredLevel || trained.length === 0)
      reason += ` (required ${levelLabels[c.requiredLevel]})`;
    for (const t of trained) {
      const month = monthName(t.completedOn);
      reason += `, completed ${t.title}${month ? ` in ${month}` : ''}`;
    }
    reasons.push(reason);
  }
  return { fit: total === 0 ? 0 : met / total, reasons };
}

function placeFit(role: RoleToMatch, member: MemberToMatch): { fit: number; reason: string | null } {
  const places = role.places.map(key).filter((p) => p !== '');
  if (member.region && places.includes(key(member.region)))
    return { fit: 1, reason: `Based in ${member.region}` };
  if ((member.travelMiles ?? 0) >= farTravelMiles)
    return { fit: 0.6, reason: `Will travel ${member.travelMiles} miles` };
  if (member.region === null && member.travelMiles === null) return { fit: 0.4, reason: null };
  return { fit: 0.2, reason: member.region ? `Based in ${member.region}` : null };
}

function availabilityFit(role: RoleToMatch, member: MemberToMatch): { fit: number; reason: string | null } {
  if (role.kind === 'casual') {
    if (member.casualCrew) return { fit: 1, reason: 'On the casual-crew bench' };
    return member.freelance
      ? { fit: 0.7, reason: 'Available for freelance shifts' }
      : { fit: 0, reason: null };
  }
  if (member.permanent) return { fit: 1, reason: 'Available for a permanent role' };
  return member.freelance ? { fit: 0.3, reason: 'Freelance only' } : { fit: 0.5, reason: null };
}

/** One member against one role. */
export function matchMember(role: RoleToMatch, member: MemberToMatch, now: Date): MemberMatch {
  const criteria = criteriaFit(role, member);
  const wanted = role.skills.map(key);
  const has = new Set(member.skills.map(key));
  const sharedSkills = member.skills.filter((s) => wanted.includes(key(s)));
  const skillsFit = wanted.length === 0 ? 0.5 : wanted.filter((s) => has.has(s)).length / wanted.length;
  const availability = availabilityFit(role, member);
  const place = placeFit(role, member);
  const assessedAt = member.assessedAt ? Date.parse(member.assessedAt) : Number.NaN;
  const ageMonths = Number.isNaN(assessedAt)
    ? recencyMonths
    : Math.max(0, (now.getTime() - assessedAt) / monthMs);
  const recency = 1 - Math.min(1, ageMonths / recencyMonths);

  const score =
    matchWeights.criteria * criteria.fit +
    matchWeights.skills * skillsFit +
    matchWeights.availability * availability.fit +
    matchWeights.place * place.fit +
    matchWeights.recency * recency;
  const reasons = [
    ...criteria.reasons,
    ...(sharedSkills.length > 0 ? [`Skills: ${sharedSkills.join(', ')}`] : []),
    ...(availability.reason ? [availability.reason] : []),
    ...(place.reason ? [place.reason] : []),
    ...(Number.isNaN(assessedAt) ? ['Not assessed yet'] : []),
  ];
  return {
    candidateId: member.candidateId,
    name: member.name,
    score: Math.round(score * 1000) / 10,
    reasons,
    explanation: reasons.join('; '),
  };
}

/** Members ranked best first; equal scores by name, then id, so the order never depends on the input's. */
export function rankMembers(role: RoleToMatch, members: readonly MemberToMatch[], now: Date): MemberMatch[] {
  return members
    .map((m) => matchMember(role, m, now))
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.name.localeCompare(b.name) ||
        (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0),
    );
}
