import type { Generated } from 'kysely';

// Tables of the assessment feature; part of the Database interface in schema.ts.
// Built-in frameworks live in code (src/domain/frameworks), not in these tables; references to a
// framework or version are therefore plain text ids (a built-in id starts with `builtin-`).

/** An organisation's own framework (a copy of a built-in or of another framework). */
export interface FrameworkTable {
  id: string;
  organisation_id: string;
  name: string;
  description: string | null;
  /** The framework it was copied from (a built-in id or one of the organisation's). */
  copied_from_id: string | null;
  copied_from_version_id: string | null;
  /** The latest version number; versions are kept in framework_version. */
  current_version: number;
  /** Set when archived: no longer offered for roles; roles on it keep it. */
  archived_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One immutable version of a framework's criteria (JSON: FrameworkContent['criteria']). */
export interface FrameworkVersionTable {
  id: string;
  organisation_id: string;
  framework_id: string;
  version: number;
  criteria: string;
  created_by: string | null;
  created_at: string;
}

/** The framework version a role assesses against; absent means the defaults for the role's level. */
export interface RoleRequirementTable {
  role_id: string;
  organisation_id: string;
  framework_id: string;
  framework_version_id: string;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleRequirementCriterionTable {
  role_id: string;
  criterion_key: string;
  position: number;
  /** 0–5; 0 = not assessed. */
  weight: number;
  /** 1–4. */
  required_level: number;
}

/** One interviewer's scorecard for one interview. */
export interface ScorecardTable {
  id: string;
  organisation_id: string;
  interview_id: string;
  application_id: string;
  interviewer_id: string;
  framework_id: string;
  framework_version_id: string;
  /** draft | submitted */
  status: string;
  /** strong_no | no | yes | strong_yes; null while a draft has none. */
  recommendation: string | null;
  /** Never candidate-facing. */
  private_notes: string | null;
  submitted_at: string | null;
  amended_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A rating per criterion of a scorecard; rating is null until the interviewer chooses one. */
export interface ScorecardRatingTable {
  scorecard_id: string;
  criterion_key: string;
  position: number;
  rating: number | null;
  evidence: string | null;
  /** 1 when the interview did not cover the criterion (rating stays null). */
  not_assessed: Generated<number>;
}

export interface AssessmentTables {
  framework: FrameworkTable;
  framework_version: FrameworkVersionTable;
  role_requirement: RoleRequirementTable;
  role_requirement_criterion: RoleRequirementCriterionTable;
  scorecard: ScorecardTable;
  scorecard_rating: ScorecardRatingTable;
}
