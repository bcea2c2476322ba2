import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleContext, type TemplateKey, templateKeys, templates } from './catalogue.ts';
import { allowedVariables, renderTemplate, TemplateError, validateTemplate } from './engine.ts';
import { singleLine } from './escape.ts';
import { renderMessage } from './render.ts';

function templateErrorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
}

const offer = (body: string, subject = 'Offer') => ({ subject, body });

describe('default templates', () => {
  it.each(templateKeys)('%s validates and renders from its sample, with a plain-text part', (key) => {
    const definition = templates[key];
    expect(() => validateTemplate(key, definition.defaults)).not.toThrow();
    const rendered = renderMessage({
      key,
      source: definition.defaults,
      context: sampleContext(key),
      branding: { name: 'Northern Lights Venues' },
      unsubscribeUrl: definition.listUnsubscribe ? 'https://example.co.uk/unsubscribe/x' : undefined,
    });
    expect(rendered.subject).not.toMatch(/[\r\n{}%]/);
    expect(rendered.html).toContain('max-width:600px');
    expect(rendered.text.length).toBeGreaterThan(100);
    expect(rendered.text).not.toMatch(/\{\{|\{%|\*\*/);
  });

  it('are written in UK English', () => {
    const all = templateKeys
      .map((k) => `${templates[k].defaults.subject}\n${templates[k].defaults.body}`)
      .join('\n');
    expect(all).not.toMatch(/\b(color|organization|organize|center|favorite|program|license)\b/i);
  });

  it('list the variables each template can use', () => {
    const paths = allowedVariables('not_progressing').map((v) => v.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'candidate.firstName',
        'role.title',
        'manager.name',
        'feedback.strengths',
        'feedback.strengths[].criterion',
      ]),
    );
    expect(allowedVariables('organisation_invitation').map((v) => v.path)).not.toContain('candidate.name');
  });
});

describe('saving a template (validateTemplate)', () => {
  it('names an unknown variable in the subject', () => {
    const err = templateErrorOf(() =>
      validateTemplate('offer', offer('Hi', 'Offer for {{ candidate.nmae }}')),
    );
    expect(err.part).toBe('subject');
    expect(err.variable).toBe('candidate.nmae');
    expect(err.message).toContain('Unknown variable "candidate.nmae"');
    expect(err.message).toContain('candidate.firstName');
  });

  it('names an unknown variable even in a branch the sample would not take', () => {
    const err = templateErrorOf(() =>
      validateTemplate('offer', offer('{% if false %}{{ candidate.passwordHash }}{% endif %}')),
    );
    expect(err).toMatchObject({ part: 'body', variable: 'candidate.passwordHash' });
  });

  it('names an unknown property of a loop item (found by rendering the sample)', () => {
    const err = templateErrorOf(() =>
      validateTemplate(
        'not_progressing',
        offer('{% for s in feedback.strengths %}{{ s.critrion }}{% endfor %}'),
      ),
    );
    expect(err.part).toBe('body');
    expect(err.message).toContain('s.critrion');
  });

  it('refuses variables of another template, lookups by variable, and unknown filters', () => {
    expect(
      templateErrorOf(() => validateTemplate('offer', offer('{{ feedback.encouragement }}'))),
    ).toMatchObject({
      variable: 'feedback.encouragement',
    });
    expect(templateErrorOf(() => validateTemplate('offer', offer('{{ candidate[x] }}'))).message).toContain(
      'write the name out',
    );
    expect(
      templateErrorOf(() => validateTemplate('offer', offer('{{ role.title | shout }}'))).message,
    ).toContain('undefined filter: shout');
  });

  it('refuses file system tags: include, render and layout', () => {
    for (const tag of ['{% include "/etc/passwd" %}', "{% render 'x' %}", '{% layout "x" %}']) {
      expect(templateErrorOf(() => validateTemplate('offer', offer(tag))).message).toMatch(
        /is not available/,
      );
    }
  });

  it('refuses a template that does not parse, and a subject on two lines', () => {
    expect(templateErrorOf(() => validateTemplate('offer', offer('{{ role.title '))).message).toContain(
      'cannot be read',
    );
    expect(templateErrorOf(() => validateTemplate('offer', offer('x', 'one\ntwo'))).part).toBe('subject');
  });

  it('accepts list helpers such as size and first', () => {
    expect(() =>
      validateTemplate(
        'not_progressing',
        offer('{{ feedback.strengths.size }} {{ feedback.strengths.first.criterion }} {{ role.title.size }}'),
      ),
    ).not.toThrow();
  });
});

describe('rendering untrusted values', () => {
  const hostile =
    '*bold* [x](http://evil) <script>alert(1)</script> {{ organisation.name }} {% if true %}x{% endif %}';

  function renderOffer(candidateName: string, body = templates.offer.defaults.body) {
    const context = sampleContext('offer');
    context.candidate = { name: candidateName, firstName: candidateName };
    return renderMessage({
      key: 'offer',
      source: { subject: 'Offer for {{ candidate.name }}', body },
      context,
      branding: { name: 'Venues <b>Ltd</b>', brandColour: '#ff0000' },
    });
  }

  it('keeps Markdown, HTML and Liquid in a name as text in the HTML, text and subject', () => {
    const rendered = renderOffer(hostile);
    expect(rendered.html).not.toContain('<script');
    expect(rendered.html).not.toContain('href="http://evil"');
    expect(rendered.html).not.toContain('<em>bold</em>');
    expect(rendered.html).toContain('*bold* [x](http://evil) &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rendered.html).toContain('{{ organisation.name }} {% if true %}x{% endif %}');
    expect(rendered.html).toContain('Venues &lt;b&gt;Ltd&lt;/b&gt;');
    expect(rendered.text).toContain(`Dear ${hostile},`);
    expect(rendered.subject).toBe(`Offer for ${hostile}`);
  });

  it('flattens CR/LF in a subject value to one line', () => {
    const rendered = renderOffer('Sam\r\nBcc: victim@example.com');
    expect(rendered.subject).toBe('Offer for Sam Bcc: victim@example.com');
    expect(rendered.subject).not.toMatch(/[\r\n]/);
  });

  it('does not let | raw skip the escaping', () => {
    const rendered = renderOffer('[x](http://evil)', 'Dear {{ candidate.name | raw }}');
    expect(rendered.html).not.toContain('href="http://evil"');
    expect(rendered.html).toContain('[x](http://evil)');
  });

  it('keeps a value inert whatever it holds (property)', () => {
    const reference = renderOffer('Sam');
    const tags = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[0]);
    const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    const markdownish = fc.string({
      unit: fc.constantFrom(
        ...'*_[]()<>&{}%#`\\!|~=:/"\'.-+ \n\r\ta1Zé'.split(''),
        '{{',
        '}}',
        '{%',
        '%}',
        'http://evil',
        '<img src=x>',
        '&amp;',
        '\u2028',
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ unit: 'grapheme', maxLength: 30 })), (value) => {
        const name = singleLine(value, 200);
        const rendered = renderOffer(name);
        expect(tags(rendered.html)).toEqual(tags(reference.html));
        expect(hrefs(rendered.html)).toEqual(hrefs(reference.html));
        expect(rendered.subject).not.toMatch(/[\r\n]/);
        expect(rendered.subject).toBe(singleLine(`Offer for ${name}`, 250));
        if (name) {
          expect(rendered.text).toContain(`Dear ${name},`);
          const inHtml = name
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/"/g, '&quot;');
          expect(rendered.html).toContain(`Dear ${inHtml},`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps multi-line feedback as text, line breaks included', () => {
    const context = sampleContext('not_progressing');
    context.feedback.encouragement =
      'First line\n# not a heading\n    not code\n1. not a list\n> not a quote';
    const rendered = renderTemplate(templates.not_progressing.defaults, context);
    const html = renderMessage({
      key: 'not_progressing',
      source: templates.not_progressing.defaults,
      context,
      branding: { name: 'X' },
    }).html;
    expect(rendered.markdown).toContain('\\# not a heading');
    expect(html).not.toMatch(/<h1|<pre|<ol|<blockquote/);
    expect(html).toContain('# not a heading');
  });

  it('renders every template key with only the variables its sample has', () => {
    for (const key of templateKeys as readonly TemplateKey[]) {
      expect(() => renderTemplate(templates[key].defaults, sampleContext(key))).not.toThrow();
    }
  });
});
