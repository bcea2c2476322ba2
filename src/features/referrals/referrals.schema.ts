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
