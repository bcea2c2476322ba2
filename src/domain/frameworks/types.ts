// Assessment frameworks: named criteria with four observable level descriptors, an interview kit
// and a training catalogue per criterion. Pure data and types, no I/O (shared with the web app).

/** The four levels every criterion is rated on; there is no neutral middle. */
export const ratingLevels = [1, 2, 3, 4] as const;
export type Level = (typeof ratingLevels)[number];

export const levelLabels: Record<Level, string> = {
  1: 'Not yet shown',
  2: 'Developing',
  3: 'Competent',
  4: 'Strong',
};

/** What a rating of each level looks like, written as behaviour an interviewer can observe. */
export interface LevelDescriptors {
  /** Level 1 */
  notYetShown: string;
  /** Level 2 */
  developing: string;
  /** Level 3 */
  competent: string;
  /** Level 4 */
  strong: string;
}

export const descriptorKeys: Record<Level, keyof LevelDescriptors> = {
  1: 'notYetShown',
  2: 'developing',
  3: 'competent',
  4: 'strong',
};

export const kitItemKinds = ['question', 'practical'] as const;
export type KitItemKind = (typeof kitItemKinds)[number];

/** One interview question or practical task, with what a good answer shows. */
export interface KitItem {
  kind: KitItemKind;
  prompt: string;
  /** What to listen or watch for; maps the answer onto the level descriptors. */
  lookFor: string;
}

/** A course, certificate or on-the-job step that develops a criterion. */
export interface TrainingEntry {
  /** Stable within the criterion, so feedback can refer to it. */
  id: string;
  name: string;
  provider: string;
  /** Its level or form, e.g. "Level 1, online" or "3-day course". */
  form: string;
  /** What it builds, in a sentence a candidate can act on. */
  builds: string;
  /** The provider's page, where known. */
  url: string | null;
  /** The current ratings it suits (e.g. [1, 2] for someone not yet shown or developing). */
  forLevels: Level[];
}

export interface Criterion {
  /** Stable across versions and copies (snake_case); ratings are stored against it. */
  key: string;
  name: string;
  definition: string;
  descriptors: LevelDescriptors;
  /** The interview kit: 2–4 questions or practical tasks. */
  kit: KitItem[];
  training: TrainingEntry[];
  /** The public standards the criterion is drawn from. */
  standards: string[];
}

/** The versioned content of a framework. */
export interface FrameworkContent {
  criteria: Criterion[];
}

export interface BuiltInFramework extends FrameworkContent {
  /** Also the id of its only version: a built-in never changes; a revision ships under a new id. */
  id: string;
  version: number;
  name: string;
  description: string;
}

export function descriptorFor(criterion: Criterion, level: Level): string {
  return criterion.descriptors[descriptorKeys[level]];
}

/** Training for a criterion that suits someone currently rated at `level`, in catalogue order. */
export function trainingFor(criterion: Criterion, level: Level): TrainingEntry[] {
  return criterion.training.filter((t) => t.forLevels.includes(level));
}

/** Every training entry of a framework with the criterion it develops: the feedback catalogue. */
export function trainingCatalogue(
  content: FrameworkContent,
): (TrainingEntry & { criterionKey: string; criterionName: string })[] {
  return content.criteria.flatMap((c) =>
    c.training.map((t) => ({ ...t, criterionKey: c.key, criterionName: c.name })),
  );
}
