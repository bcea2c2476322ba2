// What a role asks for against a framework: per criterion a weight (0 = not assessed) and the level
// the role needs. Pure defaults by the role's level; no I/O.
import type { Level } from './types.ts';

export const roleLevelKeys = ['trainee', 'technician', 'senior_technician', 'lead_technician'] as const;
export type RoleLevelKey = (typeof roleLevelKeys)[number];

export const maxWeight = 5;

export interface CriterionRequirement {
  criterionKey: string;
  /** 0–5; 0 means the criterion is not assessed for this role. */
  weight: number;
  requiredLevel: Level;
}

type Defaults = Record<RoleLevelKey, { weight: number; requiredLevel: Level }>;

// Trainees are hired on safety, fundamentals and attitude; leads on safety, people and planning.
const avTechnicianDefaults: Record<string, Defaults> = {
  signal_flow: {
    trainee: { weight: 3, requiredLevel: 2 },
    technician: { weight: 5, requiredLevel: 3 },
    senior_technician: { weight: 5, requiredLevel: 4 },
    lead_technician: { weight: 4, requiredLevel: 4 },
  },
  audio: {
    trainee: { weight: 3, requiredLevel: 2 },
    technician: { weight: 4, requiredLevel: 3 },
    senior_technician: { weight: 4, requiredLevel: 3 },
    lead_technician: { weight: 3, requiredLevel: 3 },
  },
  video: {
    trainee: { weight: 2, requiredLevel: 2 },
    technician: { weight: 4, requiredLevel: 3 },
    senior_technician: { weight: 4, requiredLevel: 3 },
    lead_technician: { weight: 3, requiredLevel: 3 },
  },
  lighting: {
    trainee: { weight: 2, requiredLevel: 2 },
    technician: { weight: 3, requiredLevel: 3 },
    senior_technician: { weight: 3, requiredLevel: 3 },
    lead_technician: { weight: 3, requiredLevel: 3 },
  },
  networking_control: {
    trainee: { weight: 1, requiredLevel: 2 },
    technician: { weight: 3, requiredLevel: 2 },
    senior_technician: { weight: 4, requiredLevel: 3 },
    lead_technician: { weight: 4, requiredLevel: 3 },
  },
  rigging_power_safety: {
    trainee: { weight: 4, requiredLevel: 2 },
    technician: { weight: 4, requiredLevel: 3 },
    senior_technician: { weight: 4, requiredLevel: 3 },
    lead_technician: { weight: 5, requiredLevel: 4 },
  },
  communication: {
    trainee: { weight: 3, requiredLevel: 2 },
    technician: { weight: 3, requiredLevel: 3 },
    senior_technician: { weight: 4, requiredLevel: 3 },
    lead_technician: { weight: 5, requiredLevel: 4 },
  },
  show_operation: {
    trainee: { weight: 3, requiredLevel: 2 },
    technician: { weight: 4, requiredLevel: 3 },
    senior_technician: { weight: 4, requiredLevel: 3 },
    lead_technician: { weight: 4, requiredLevel: 4 },
  },
  planning_documentation: {
    trainee: { weight: 1, requiredLevel: 2 },
    technician: { weight: 2, requiredLevel: 2 },
    senior_technician: { weight: 3, requiredLevel: 3 },
    lead_technician: { weight: 5, requiredLevel: 4 },
  },
};

// Criteria an organisation added to its own copy: assessed at a middle weight.
const otherCriterionDefaults: Defaults = {
  trainee: { weight: 3, requiredLevel: 2 },
  technician: { weight: 3, requiredLevel: 3 },
  senior_technician: { weight: 3, requiredLevel: 3 },
  lead_technician: { weight: 3, requiredLevel: 3 },
};

export function isRoleLevelKey(value: string): value is RoleLevelKey {
  return (roleLevelKeys as readonly string[]).includes(value);
}

/** The default requirement for each criterion (by key, so copies of the built-in keep the defaults). */
export function defaultRequirements(
  criterionKeys: readonly string[],
  roleLevel: RoleLevelKey,
): CriterionRequirement[] {
  return criterionKeys.map((criterionKey) => {
    const d = (avTechnicianDefaults[criterionKey] ?? otherCriterionDefaults)[roleLevel];
    return { criterionKey, weight: d.weight, requiredLevel: d.requiredLevel };
  });
}
