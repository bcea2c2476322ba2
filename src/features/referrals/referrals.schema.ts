import { z } from 'zod';
import { idSchema, isoDateTime, pageOf, pageQuery } from '../common.schema.ts';

// Shared by the server and the web app: keep this file free of Node.js imports.

export const referralStatuses = [
  'joined_network',
  'applied',
  'interviewed',
  'hired',
  'not_progressing',
] as const;
export const referralStatusSchema = z.enum(referralStatuses);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

export const referralStatusLabels: Record<ReferralStatus, string> = {
  joined_network: 'Joined network',
  applied: 'Applied',
  interviewed: 'Interviewed',
  hired: 'Hired',
  not_progressing: 'Not progressing',
};

const person = z.object({ id: idSchema, name: z.string() });

export const referralSchema = z.object({
  id: idSchema,
  referrer: person.describe('The candidate who shared the link'),
  candidate: person.describe('The colleague who came forward'),
  applicationId: idSchema.nullable(),
  roleTitle: z.string().nullable(),
  status: referralStatusSchema,
  joinedNetworkAt: isoDateTime.nullable(),
  interestAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type Referral = z.infer<typeof referralSchema>;

export const referralListQuery = pageQuery.extend({
  referredBy: idSchema.optional().describe('Only referrals by this referrer (a candidate id)'),
  candidateId: idSchema.optional().describe('Only referrals of this colleague (a candidate id)'),
  status: referralStatusSchema.optional(),
});
export type ReferralListQuery = z.infer<typeof referralListQuery>;
export const referralPageSchema = pageOf(referralSchema);
export type ReferralPage = z.infer<typeof referralPageSchema>;

export const referrerSchema = z.object({
  referrer: person,
  links: z.number().int().describe('Referral links made'),
  views: z.number().int().describe('Times their links were opened'),
  joinedNetwork: z.number().int(),
  interests: z.number().int().describe('Colleagues who expressed interest in a role'),
  hires: z.number().int(),
});
export type Referrer = z.infer<typeof referrerSchema>;
export const referrerListSchema = z.object({ data: z.array(referrerSchema) });

export const referralLinkStates = ['active', 'expired', 'revoked'] as const;

export const referralLinkEventKinds = [
  'made',
  'first_opened',
  'last_opened',
  'joined_network',
  'applied',
  'interviewed',
  'hired',
  'not_progressing',
  'revoked',
] as const;
export type ReferralLinkEventKind = (typeof referralLinkEventKinds)[number];

export const referralLinkEventLabels: Record<ReferralLinkEventKind, string> = {
  made: 'Link made for the referrer to share',
  first_opened: 'First opened',
  last_opened: 'Last opened',
  joined_network: 'joined the talent network',
  applied: 'expressed interest in a role',
  interviewed: 'moved on to interviews',
  hired: 'was hired',
  not_progressing: 'was not progressed',
  revoked: 'Link revoked',
};

export const referralLinkSchema = z.object({
  id: idSchema,
  referrer: person.describe('The candidate the link belongs to, who shares it themselves'),
  roleTitle: z.string().nullable().describe('The role the link recommends, if any'),
  kindOfWork: z.string().nullable(),
  state: z.enum(referralLinkStates),
  opened: z.object({
    count: z
      .number()
      .int()
      .describe('Times the colleague’s page was opened: a count only, nothing about who opened it'),
    first: isoDateTime.nullable(),
    last: isoDateTime.nullable(),
  }),
  referrals: z
    .array(
      z.object({
        id: idSchema,
        candidate: person.describe('The colleague who came forward through this link'),
        applicationId: idSchema.nullable(),
        roleTitle: z.string().nullable(),
        status: referralStatusSchema,
      }),
    )
    .describe('Who came forward through this link and where each one is now'),
  timeline: z
    .array(
      z.object({
        at: isoDateTime,
        kind: z.enum(referralLinkEventKinds),
        candidate: person.nullable().describe('The colleague, for what they did'),
      }),
    )
    .describe('What happened to the link, oldest first'),
  expiresAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type ReferralLinkStatus = z.infer<typeof referralLinkSchema>;
export const referralLinkQuery = pageQuery.extend({
  referredBy: idSchema.optional().describe('Only the links of this referrer (a candidate id)'),
});
export type ReferralLinkQuery = z.infer<typeof referralLinkQuery>;
export const referralLinkPageSchema = pageOf(referralLinkSchema);
export type ReferralLinkPage = z.infer<typeof referralLinkPageSchema>;

/** The candidate emails that end with the referral ask unless the organisation turns it off. */
export const referralAskTemplates = [
  'not_progressing',
  'not_progressing_screening',
  'offer',
  'talent_network_invitation',
  'new_opportunity',
] as const;
export type ReferralAskTemplate = (typeof referralAskTemplates)[number];

/** The ask's words, before its link; the settings page and every email show exactly these. */
export const referralAskText = {
  before: 'Know someone who would enjoy working with us? Your page has ',
  link: 'a link you can send them',
  after: ", if you'd like to.",
} as const;

/** How the settings name them (the template catalogue's names). */
export const referralAskTemplateNames: Record<ReferralAskTemplate, string> = {
  not_progressing: 'Not progressing, with feedback',
  not_progressing_screening: 'Not progressing, with a screening reason',
  offer: 'Offer',
  talent_network_invitation: 'Invitation to join the talent network',
  new_opportunity: 'New opportunity',
};

const askFlags = Object.fromEntries(referralAskTemplates.map((k) => [k, z.boolean()])) as Record<
  ReferralAskTemplate,
  z.ZodBoolean
>;

export const referralAskSettingsSchema = z.object({
  templates: z
    .object(askFlags)
    .describe('Per template: true when the email ends with the short line asking for a referral'),
});
export type ReferralAskSettings = z.infer<typeof referralAskSettingsSchema>;
export const referralAskSettingsUpdate = z.object({
  templates: z.object(askFlags).partial().describe('Only the templates to change'),
});
export type ReferralAskSettingsUpdate = z.infer<typeof referralAskSettingsUpdate>;
