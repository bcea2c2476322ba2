// `followspot feedback check [FILE|-] [--json]`: the feedback check on a file or standard input,
// without a database. Exit codes: 0 passes, 1 fails, 2 usage error (for example an unreadable file).

import { readFile } from 'node:fs/promises';
import { checkFeedback, type FeedbackCheck, type FeedbackFindingKind } from '../../domain/feedback/check.ts';
import { feedbackTextMaxLength } from '../../domain/feedback/document.ts';
import { lineAndColumn } from '../../domain/feedback/text.ts';

export const exitCodes = { pass: 0, fail: 1, usage: 2 } as const;

/** Findings about the text as a whole (their span is all of it). */
const wholeTextKinds: ReadonlySet<FeedbackFindingKind> = new Set([
  'missing-strength',
  'missing-development-area',
  'missing-action',
  'length',
]);

export class UsageError extends Error {}

async function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  if (stdin.isTTY) {
    throw new UsageError(
      'give a FILE to check, or pipe the text in (for example: cat feedback.txt | followspot feedback check -)',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of FILE, or of standard input when FILE is "-" or absent. */
export async function readFeedbackInput(file: string | undefined, stdin: NodeJS.ReadStream): Promise<string> {
  if (file === undefined || file === '-') return readStdin(stdin);
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (err as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}

function excerpt(text: string, start: number, end: number): string {
  const span = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return span.length > 90 ? `${span.slice(0, 60)} … ${span.slice(-25)}` : span;
}

/** Findings as lines a person reads in a terminal: position, severity, kind, message, span, suggestion. */
export function formatFindings(text: string, result: FeedbackCheck, source: string): string {
  const lines: string[] = [];
  // Findings about a passage first, in order; then those about the text as a whole, unquoted.
  const ordered = [
    ...result.findings.filter((f) => !wholeTextKinds.has(f.kind)),
    ...result.findings.filter((f) => wholeTextKinds.has(f.kind)),
  ];
  for (const f of ordered) {
    const whole = wholeTextKinds.has(f.kind);
    const { line, column } = lineAndColumn(text, f.start);
    const where = whole ? `${source} (whole text)` : `${source}:${line}:${column}`;
    lines.push(`${where}  ${f.severity.padEnd(7)} ${f.kind}  ${f.message}`);
    const quoted = whole ? '' : excerpt(text, f.start, f.end);
    if (quoted) lines.push(`    “${quoted}”`);
    if (f.suggestion) lines.push(`    → ${f.suggestion}`);
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (lines.length > 0) lines.push('');
  lines.push(
    `${result.pass ? 'PASS' : 'FAIL'}  score ${result.score}/100, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Runs the command and returns its exit code; writes the report to `out` and problems to `err`. */
export async function runFeedbackCheck(
  file: string | undefined,
  options: { json?: boolean },
  io: { stdin: NodeJS.ReadStream; out: NodeJS.WritableStream; err: NodeJS.WritableStream },
): Promise<number> {
  let text: string;
  try {
    text = await readFeedbackInput(file, io.stdin);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err.write(`followspot: ${error.message}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
  if (text.length > feedbackTextMaxLength) {
    io.err.write(
      `followspot: the text is ${text.length} characters; the check takes at most ${feedbackTextMaxLength} (the same limit as the API)\n`,
    );
    return exitCodes.usage;
  }
  const result = checkFeedback(text);
  io.out.write(
    options.json
      ? `${JSON.stringify(result, null, 2)}\n`
      : formatFindings(text, result, file && file !== '-' ? file : 'stdin'),
  );
  return result.pass ? exitCodes.pass : exitCodes.fail;
}
