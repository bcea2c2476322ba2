// Corrections to the date-holidays (3.37) data for the UK so that bankHolidays() matches the list GOV.UK
// publishes (https://www.gov.uk/bank-holidays). Compared for 2019–2028, all three nations, in November 2026:
// the dates agree except for the entries in `extraBankHolidays`; some names differ (`govukNames`).
import type { BankHoliday, Nation } from './calendar.ts';

/**
 * Bank holidays GOV.UK lists that date-holidays does not know: one-off days appointed by royal
 * proclamation after the library's data was written. An entry on a date the library already has is ignored.
 */
export const extraBankHolidays: Readonly<Record<Nation, readonly BankHoliday[]>> = {
  'england-and-wales': [],
  // Proclaimed 4 February 2026 (Banking and Financial Dealings Act 1971, s.1(3)); Scotland only.
  scotland: [{ date: '2026-06-15', name: 'World Cup bank holiday' }],
  'northern-ireland': [],
};

/** date-holidays names → the titles GOV.UK uses for the same days. */
export const govukNames: Readonly<Record<string, string>> = {
  "New Year's Day": 'New Year’s Day',
  "New Year's Day (substitute day)": 'New Year’s Day (substitute day)',
  'January 2nd': '2nd January',
  'January 2nd (substitute day)': '2nd January (substitute day)',
  'Queen’s Platinum Jubilee': 'Platinum Jubilee bank holiday',
  "Queen Elizabeth's Funeral Day": 'Bank Holiday for the State Funeral of Queen Elizabeth II',
  "King Charles III's Coronation": 'Bank holiday for the coronation of King Charles III',
};
