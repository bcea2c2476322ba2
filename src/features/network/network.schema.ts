import { z } from 'zod';
import { idSchema, isoDateTime, optionalText, pageOf, pageQuery, requiredText } from '../common.schema.ts';

// The talent network as the hiring team sees it (issue #12). Shared with web/: no Node.js imports.

export const consentStatuses = ['active', 'expiring', 'expired', 'left'] as const;
export const consentStatusSchema = z.enum(consentStatuses);
export type ConsentStatus = z.infer<typeof consentStatusSchema>;
export const consentStatusLabels: Record<ConsentStatus, string> = {
  active: 'Consent current',
  expiring: 'Consent ends within a month',
  expired: 'Consent ended',
  left: 'Left the network',
};

export const consentSources = ['candidate_page', 'email', 'import'] as const;
export type ConsentSource = (typeof consentSources)[number];

export const availabilityKinds = ['permanent', 'freelance', 'casual'] as const;
export const availabilitySchema = z.enum(availabilityKinds);
export type AvailabilityKind = z.infer<typeof availabilitySchema>;
export const availabilityLabels: Record<AvailabilityKind, string> = {
  permanent: 'Permanent roles',
  freelance: 'Freelance shifts',
  casual: 'Casual crew',
};

export const levelReachedSchema = z.object({
  criterionKey: z.string(),
  name: z.string(),
  /** 1–4: the level the submitted scorecards agreed on. */
  level: z.number().int().min(1).max(4),
  levelLabel: z.string(),
});
export type LevelReached = z.infer<typeof levelReachedSchema>;

export const assessedAtSchema = z.object({
  applicationId: idSchema,
  roleId: idSchema,
  roleTitle: z.string(),
  venueName: z.string(),
  assessedOn: isoDateTime,
});
export type AssessedAt = z.infer<typeof assessedAtSchema>;

export const futureFitSchema = z.object({
  id: idSchema,
  forRole: z.string(),
  after: z.string(),
  reengageOn: z.iso.date(),
  managerName: z.string().nullable(),
  remindedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type FutureFit = z.infer<typeof futureFitSchema>;

export const trainingDoneSchema = z.object({
  id: idSchema,
  criterionKey: z.string(),
  title: z.string(),
  certificateNumber: z.string().nullable(),
  completedOn: z.iso.date().nullable(),
  createdAt: isoDateTime,
});
export type TrainingDone = z.infer<typeof trainingDoneSchema>;

export const availabilityOfMemberSchema = z.object({
  permanent: z.boolean(),
  freelance: z.boolean(),
  casualCrew: z.boolean(),
  noticeWeeks: z.number().int().nullable(),
});

export const networkMemberSchema = z.object({
  candidateId: idSchema,
  name: z.string(),
  consent: z.object({
    status: consentStatusSchema,
    version: z.string(),
    joinedAt: isoDateTime,
    expiresAt: isoDateTime,
  }),
  unsubscribed: z.boolean(),
  assessed: z.array(assessedAtSchema),
  strongestCriteria: z.array(levelReachedSchema),
  skills: z.array(z.string()),
  certifications: z.array(z.string()),
  region: z.string().nullable(),
  travelMiles: z.number().int().nullable(),
  availability: availabilityOfMemberSchema,
  interests: z.object({ roleKinds: z.array(z.string()), venues: z.array(z.string()) }),
  futureFit: z.array(futureFitSchema),
  trainingDone: z.array(trainingDoneSchema),
  lastContactAt: isoDateTime.nullable(),
});
export type NetworkMember = z.infer<typeof networkMemberSchema>;

export const networkListQuery = pageQuery.extend({
  q: z.string().trim().max(120).optional().describe('Search by name or skill'),
  skill: z.string().trim().max(80).optional().describe('Has this skill or certification'),
  region: z.string().trim().max(80).optional(),
  availability: availabilitySchema
    .optional()
    .describe('permanent, freelance or casual (the casual-crew bench)'),
  interest: z.string().trim().max(80).optional().describe('Interested in this kind of role or venue'),
  consentStatus: consentStatusSchema.optional().describe('Default: current members (active or expiring)'),
  futureFitDue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Only members whose future-fit re-engage date has come'),
});
export type NetworkListQuery = z.infer<typeof networkListQuery>;
export const networkPageSchema = pageOf(networkMemberSchema);

export const consentRecordSchema = z.object({
  kind: z.enum(['given', 'renewed', 'withdrawn']),
  textVersion: z.string(),
  source: z.enum(consentSources),
  expiresAt: isoDateTime.nullable(),
  at: isoDateTime,
});
export const historyEntrySchema = z.object({ kind: z.string(), summary: z.string(), at: isoDateTime });

export const networkMembershipSchema = z.object({
  candidateId: idSchema,
  member: networkMemberSchema.nullable(),
  consents: z.array(consentRecordSchema),
  history: z.array(historyEntrySchema),
});
export type NetworkMembership = z.infer<typeof networkMembershipSchema>;

export const futureFitCreateSchema = z.object({
  forRole: requiredText(200).describe('The level or kind of role, e.g. "Senior AV Technician"'),
  after: requiredText(500).describe('The development first, e.g. "a season running RF at a touring venue"'),
  reengageOn: z.iso.date().describe('When to get back in touch (YYYY-MM-DD)'),
});
export type FutureFitCreate = z.infer<typeof futureFitCreateSchema>;

export const reengageQuery = pageQuery;
export const reengageItemSchema = z.object({
  candidateId: idSchema,
  name: z.string(),
  futureFit: futureFitSchema,
  inNetwork: z.boolean(),
});
export const reengagePageSchema = pageOf(reengageItemSchema);

export const networkMatchSchema = z.object({
  candidateId: idSchema,
  name: z.string(),
  score: z.number(),
  explanation: z.string(),
  reasons: z.array(z.string()),
  alreadyOffered: z.boolean(),
});
export type NetworkMatch = z.infer<typeof networkMatchSchema>;
export const networkMatchesSchema = z.object({ roleId: idSchema, data: z.array(networkMatchSchema) });

export const opportunitiesCreateSchema = z.object({
  candidateIds: z.array(idSchema).min(1).max(200),
  notes: z
    .record(idSchema, z.string().trim().max(1000))
    .optional()
    .describe('A personal note per member (by candidate id): why we thought of them, what changed'),
});
export type OpportunitiesCreate = z.infer<typeof opportunitiesCreateSchema>;

export const opportunityPreviewSchema = z.object({
  data: z.array(
    z.object({
      candidateId: idSchema,
      name: z.string(),
      canSend: z.boolean(),
      reason: z.string().nullable(),
      subject: z.string().nullable(),
      text: z.string().nullable(),
    }),
  ),
});

export const profileFieldsSchema = z.object({
  region: optionalText(80),
  travelMiles: z.number().int().min(0).max(1000).nullable().optional(),
  permanent: z.boolean().optional(),
  freelance: z.boolean().optional(),
  casualCrew: z.boolean().optional(),
  noticeWeeks: z.number().int().min(0).max(52).nullable().optional(),
  skills: z.array(requiredText(80)).max(50).optional(),
  certifications: z.array(requiredText(80)).max(50).optional(),
  roleKinds: z.array(requiredText(80)).max(20).optional(),
  venues: z.array(requiredText(120)).max(20).optional(),
});
export type ProfileFields = z.infer<typeof profileFieldsSchema>;
