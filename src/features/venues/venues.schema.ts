import { z } from 'zod';
import { idSchema, isoDateTime, optionalText, pageOf, pageQuery, requiredText } from '../common.schema.ts';

export const regions = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export const regionSchema = z.enum(regions);
export type Region = z.infer<typeof regionSchema>;

export const regionLabels: Record<Region, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

const timezoneSchema = z
  .string()
  .trim()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not an IANA time zone (for example Europe/London)');

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'is a 24-hour time like 09:00');
export const workingHoursSchema = z
  .object({ start: clockTime, end: clockTime })
  .refine((h) => h.start < h.end, { message: 'must end after they start', path: ['end'] })
  .describe('Local hours in which candidate emails leave (default 09:00–17:30)');
export type WorkingHours = z.infer<typeof workingHoursSchema>;

const venueFields = {
  name: requiredText(120),
  region: regionSchema,
  timezone: timezoneSchema,
  city: optionalText(120),
  postcode: optionalText(12),
  workingHours: workingHoursSchema.nullable().optional(),
};

export const venueCreateSchema = z.object({
  ...venueFields,
  timezone: timezoneSchema.default('Europe/London'),
});
export type VenueCreate = z.infer<typeof venueCreateSchema>;
export type VenueCreateInput = z.input<typeof venueCreateSchema>;

// Built from the fields without defaults: Zod applies .default() even inside .partial().
export const venueUpdateSchema = z.object(venueFields).partial().extend({ archived: z.boolean().optional() });
export type VenueUpdate = z.infer<typeof venueUpdateSchema>;

export const venueSchema = z.object({
  id: idSchema,
  name: z.string(),
  region: regionSchema,
  timezone: z.string(),
  city: z.string().nullable(),
  postcode: z.string().nullable(),
  workingHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  archived: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Venue = z.infer<typeof venueSchema>;

export const venueListQuery = pageQuery.extend({
  q: z.string().trim().max(120).optional().describe('Search by name or city'),
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type VenueListQuery = z.infer<typeof venueListQuery>;
export const venuePageSchema = pageOf(venueSchema);
