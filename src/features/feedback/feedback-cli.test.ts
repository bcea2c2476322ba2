import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'followspot-feedback-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `followspot feedback check …`, optionally with standard input; never rejects. */
function followspot(
  args: string[],
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(packageRoot(), 'bin', 'followspot.js'), 'feedback', 'check', ...args],
      {
        env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: join(dir, 'unused.sqlite') },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const good = `Dear Sam,

Thank you for interviewing for the AV Technician role. Your fault-finding was methodical: you traced the planted fault to the crossed tie line in under ten minutes. Your client communication in the role-play was clear and calm.

The area to develop is Dante: you could not yet explain how it picks a clock leader. Dante Certification Level 2 would close that gap, and we would welcome an application once you have it.

Best wishes,
Priya`;

const bad = `${good.replace('Best wishes,', 'Honestly, we felt you were overqualified.\n\nBest wishes,')}`;

describe('followspot feedback check', () => {
  it('passes a good file with exit 0', async () => {
    const file = join(dir, 'good.txt');
    writeFileSync(file, good);
    const { code, stdout } = await followspot([file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS {2}score 100\/100, 0 errors, 0 warnings/m);
  });

  it('fails a bad file with exit 1, naming line:column, kind, the quoted words and a suggestion', async () => {
    const file = join(dir, 'bad.txt');
    writeFileSync(file, bad);
    const { code, stdout } = await followspot([file]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}:7:28  error   protected-characteristic`);
    expect(stdout).toContain('“overqualified”');
    expect(stdout).toContain('→ If the concern is what the role offers');
    expect(stdout).toMatch(/^FAIL {2}score 80\/100, 1 error, 0 warnings/m);
  });

  it('reads standard input with "-" and prints JSON with --json', async () => {
    const { code, stdout } = await followspot(['-', '--json'], bad);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.pass).toBe(false);
    const finding = result.findings.find((f: { kind: string }) => f.kind === 'protected-characteristic');
    expect(bad.slice(finding.start, finding.end)).toBe('overqualified');
  });

  it('reads standard input when no file is given', async () => {
    const { code, stdout } = await followspot([], good);
    expect(code).toBe(0);
    expect(stdout).toContain('PASS');
  });

  it('says which file it cannot read, with exit 2', async () => {
    const missing = join(dir, 'missing.txt');
    const { code, stderr, stdout } = await followspot([missing]);
    expect(code).toBe(2);
    expect(stderr).toContain(`cannot read ${missing}: no such file`);
    expect(stdout).toBe('');
  });

  it('refuses a text over the limit with exit 2, naming the limit', async () => {
    const long = join(dir, 'long.txt');
    writeFileSync(long, 'x '.repeat(10_001));
    const { code, stderr } = await followspot([long]);
    expect(code).toBe(2);
    expect(stderr).toContain('the check takes at most 20000');
  });

  it('treats an unknown option as a usage error, with exit 2', async () => {
    const { code, stderr } = await followspot(['--shout']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--shout'");
  });
});
