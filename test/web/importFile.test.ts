import { describe, expect, it } from 'vitest';
import { importPresetList } from '../../src/features/imports/imports.schema.ts';
import { badRowsCsv, mapColumns, presetFor, readHeader } from '../../web/src/lib/importFile.ts';

const list = importPresetList();
const preset = (name: string) => list.presets.find((p) => p.name === name)!;

describe('the import page reads the file as the server will', () => {
  it('reads the header of a file with a BOM and quoted headers', async () => {
    const file = new File(['\uFEFF"Candidate Name",Email,"Job, title"\nA,a@example.com,Sound\n'], 'a.csv');
    expect(await readHeader(file)).toEqual(['Candidate Name', 'Email', 'Job, title']);
  });

  it('maps a header with a preset (without case), naming missing and doubled fields', () => {
    const header = ['candidate name', 'EMAIL', 'Job', 'Notes'];
    expect(mapColumns(header, preset('greenhouse'), list.fields)).toEqual({
      columns: [
        { position: 1, header: 'candidate name', field: 'name' },
        { position: 2, header: 'EMAIL', field: 'email' },
        { position: 3, header: 'Job', field: 'role' },
        { position: 4, header: 'Notes', field: null },
      ],
      missing: [],
      twice: [],
    });
    expect(mapColumns(header, preset('followspot'), list.fields).missing).toEqual(['name', 'role']);
    expect(mapColumns(['name', 'email', 'role', 'Email'], preset('followspot'), list.fields).twice).toEqual([
      'email',
    ]);
    expect(presetFor(header, list)).toBe('greenhouse');
    expect(presetFor(['Full name'], list)).toBeNull();
  });

  it('writes the bad rows with their own cells, line and problems, formula-safe', async () => {
    const file = new File(
      [
        'name,email,role\nGood,g@example.com,Sound\n"=HYPERLINK(""x"")\nsecond line",bad,Sound\n-1,m@example.com,Nope\n',
      ],
      'b.csv',
    );
    const csv = await badRowsCsv(file, {
      dryRun: true,
      rows: 3,
      imported: 1,
      alreadyPresent: 0,
      toTell: 0,
      rejected: [
        { line: 4, field: 'email', reason: 'is not a valid email address' },
        { line: 4, field: 'name', reason: 'is too long' },
        { line: 5, field: 'role', reason: 'no role "Nope"' },
      ],
    });
    // A BOM for spreadsheets; the file's own cells, then line and problem; = and - made inert.
    expect(csv).toBe(
      [
        '\uFEFFname,email,role,line,problem',
        `"'=HYPERLINK(""x"")\nsecond line",bad,Sound,4,email: is not a valid email address; name: is too long`,
        `'-1,m@example.com,Nope,5,"role: no role ""Nope"""`,
        '',
      ].join('\n'),
    );
  });
});
