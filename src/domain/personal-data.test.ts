import { describe, expect, it } from 'vitest';
import { findPersonalData } from './personal-data.ts';

describe('findPersonalData', () => {
  it('finds contact details and full names', () => {
    expect(findPersonalData('Email me at sam@example.com')).toEqual(['email']);
    expect(findPersonalData('Call 07700 900123 any time')).toEqual(['phone']);
    expect(findPersonalData('I live in SW1A 1AA these days')).toEqual(['postcode']);
    expect(findPersonalData('see https://example.com')).toEqual(['url']);
    expect(findPersonalData('The panel, especially Jo Bloggs, was kind.')).toEqual(['name']);
  });

  it('lets an ordinary comment through', () => {
    expect(findPersonalData('Quick answer and the feedback on Dante was useful.')).toEqual([]);
    expect(findPersonalData('Great process. Thanks to the team.')).toEqual([]);
  });
});
