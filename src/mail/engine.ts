// LiquidJS for admin-edited templates, sandboxed: no file system (include, render and layout are
// refused), strict variables and filters, own properties only, and every output escaped for where
// it lands (Markdown for bodies, one plain line for subjects).
import { Liquid, type Template } from 'liquidjs';
import { sampleContext, type TemplateContext, type TemplateKey } from './catalogue.ts';
import { escapeMarkdown, plainValue, stringify } from './escape.ts';

export interface TemplateSource {
  subject: string;
  body: string;
}

export type TemplatePart = 'subject' | 'body';

/** A template that cannot be saved or rendered; the message names the part and, when known, the variable. */
export class TemplateError extends Error {
  readonly part: TemplatePart;
  readonly variable: string | undefined;
  constructor(part: TemplatePart, message: string, variable?: string) {
    super(message);
    this.name = 'TemplateError';
    this.part = part;
    this.variable = variable;
  }
}

const forbiddenTags = ['include', 'render', 'layout', 'block'] as const;

function createLiquid(outputEscape: (value: unknown) => string): Liquid {
  const liquid = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    outputEscape,
    // An empty in-memory store: no template is ever read from the file system.
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    jsTruthy: false,
    parseLimit: 100_000,
    renderLimit: 2_000,
    memoryLimit: 10_000_000,
  });
  for (const tag of forbiddenTags) {
    liquid.registerTag(tag, {
      parse() {
        throw new Error(`the {% ${tag} %} tag is not available in email templates`);
      },
      *render() {},
    });
  }
  // `raw` would skip the escaping: here it is a no-op, so values stay inert.
  liquid.registerFilter('raw', (value: unknown) => value);
  return liquid;
}

const markdownLiquid = createLiquid((value) => escapeMarkdown(stringify(value)));
const plainLiquid = createLiquid((value) => plainValue(value));

const renderOptions = { templateLimit: 20_000, renderLimit: 2_000 };

// ------------------------------------------------------------------------------------------------
// What a template may use.

export interface VariableInfo {
  /** e.g. `candidate.firstName`, `feedback.strengths` (a list) */
  path: string;
  kind: 'text' | 'number' | 'list';
  example: string;
}

/** The variables a template key allows, as paths with an example value each. */
export function allowedVariables(key: TemplateKey): VariableInfo[] {
  const out: VariableInfo[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      out.push({ path, kind: 'list', example: `${value.length} item(s)` });
      const first = value[0];
      if (first && typeof first === 'object') {
        for (const [k, v] of Object.entries(first)) walk(v, `${path}[].${k}`);
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else {
      out.push({ path, kind: typeof value === 'number' ? 'number' : 'text', example: stringify(value) });
    }
  };
  walk(sampleContext(key), '');
  return out;
}

const listProperties = new Set(['size', 'first', 'last']);

/** Why a variable reference is not allowed against the sample context; undefined when it is. */
function problemWith(segments: unknown[], sample: unknown): string | undefined {
  let node: unknown = sample;
  const seen: string[] = [];
  for (const segment of segments) {
    if (Array.isArray(segment)) {
      return 'looks a value up with another variable in [ ]: write the name out, as in candidate.name';
    }
    const name = String(segment);
    if (Array.isArray(node)) {
      if (name === 'size') node = 0;
      else if (listProperties.has(name) || /^\d+$/.test(name)) node = node[0];
      else return `is not available: ${seen.join('.')} is a list (loop over it with {% for %})`;
    } else if (node !== null && typeof node === 'object') {
      if (!Object.hasOwn(node, name)) return 'is not available';
      node = (node as Record<string, unknown>)[name];
    } else if (typeof node === 'string' && name === 'size') {
      node = 0;
    } else {
      return `is not available: ${seen.join('.')} has no ${name}`;
    }
    seen.push(name);
  }
  return undefined;
}

function pathOf(segments: unknown[]): string {
  return segments
    .map((s, i) => (Array.isArray(s) ? `[${pathOf(s)}]` : i === 0 ? String(s) : `.${String(s)}`))
    .join('');
}

function parsePart(liquid: Liquid, part: TemplatePart, source: string): Template[] {
  try {
    return liquid.parse(source);
  } catch (err) {
    throw new TemplateError(part, `The ${part} cannot be read: ${messageOf(err)}`);
  }
}

function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // Liquid appends the source excerpt on further lines; the first line names the problem and position.
  return text.split('\n')[0] ?? text;
}

/** Names the variable of a Liquid "undefined variable: x.y" error. */
function undefinedVariableOf(err: unknown): string | undefined {
  const match = /undefined variable: ([^,\s]+)/.exec(err instanceof Error ? err.message : '');
  return match?.[1];
}

/**
 * Checks a template before it is saved: it parses, uses only tags allowed in emails, refers only to
 * the variables of its key (checked on the parsed template, so a variable in a branch that the sample
 * would not take is caught too), and renders against a sample of every allowed variable.
 */
export function validateTemplate(key: TemplateKey, source: TemplateSource): void {
  const sample = sampleContext(key);
  const allowed = () =>
    allowedVariables(key)
      .map((v) => v.path)
      .join(', ');
  for (const [part, liquid] of [
    ['subject', plainLiquid],
    ['body', markdownLiquid],
  ] as const) {
    const text = source[part];
    if (part === 'subject' && /[\r\n]/.test(text)) {
      throw new TemplateError('subject', 'The subject must be one line');
    }
    const parsed = parsePart(liquid, part, text);
    for (const segments of liquid.globalVariableSegmentsSync(parsed)) {
      const problem = problemWith(segments, sample);
      if (problem) {
        const name = pathOf(segments);
        throw new TemplateError(
          part,
          `Unknown variable "${name}" in the ${part}: "${name}" ${problem}. This template can use: ${allowed()}`,
          name,
        );
      }
    }
    try {
      liquid.renderSync(parsed, sample, renderOptions);
    } catch (err) {
      const name = undefinedVariableOf(err);
      throw new TemplateError(
        part,
        name
          ? `Unknown variable "${name}" in the ${part}. This template can use: ${allowed()}`
          : `The ${part} cannot be rendered: ${messageOf(err)}`,
        name,
      );
    }
  }
}

export interface RenderedTemplate {
  /** One line of plain text. */
  subject: string;
  /** The Markdown source after Liquid, every variable escaped. */
  markdown: string;
}

/** Renders a template with a context; variables are escaped (Markdown) or flattened to one line (subject). */
export function renderTemplate<K extends TemplateKey>(
  source: TemplateSource,
  context: TemplateContext<K>,
): RenderedTemplate {
  let subject: string;
  try {
    subject = plainLiquid.renderSync(
      parsePart(plainLiquid, 'subject', source.subject),
      context,
      renderOptions,
    );
  } catch (err) {
    if (err instanceof TemplateError) throw err;
    throw new TemplateError(
      'subject',
      `The subject cannot be rendered: ${messageOf(err)}`,
      undefinedVariableOf(err),
    );
  }
  let markdown: string;
  try {
    markdown = markdownLiquid.renderSync(
      parsePart(markdownLiquid, 'body', source.body),
      context,
      renderOptions,
    );
  } catch (err) {
    if (err instanceof TemplateError) throw err;
    throw new TemplateError(
      'body',
      `The body cannot be rendered: ${messageOf(err)}`,
      undefinedVariableOf(err),
    );
  }
  return { subject, markdown };
}
