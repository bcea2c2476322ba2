import MarkdownIt, { type Token } from 'markdown-it';

// Markdown bodies: raw HTML off (written as text), no autolinking of bare URLs, single line breaks
// kept as line breaks (emails are written like letters). The same tokens give the HTML part, with
// inline styles for email clients, and the plain-text part.

const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: true });
// No remote images from text: an image in feedback or a template would be a tracking pixel.
md.disable('image');

export const fontStack =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const textColour = '#1f2933';
const mutedColour = '#52606d';
const ruleColour = '#e4e7eb';

function stylesFor(brandColour: string): Record<string, string> {
  const text = `font-family:${fontStack};color:${textColour};`;
  return {
    paragraph_open: `${text}margin:0 0 16px;font-size:16px;line-height:24px;`,
    heading_open: `${text}margin:24px 0 12px;font-weight:bold;line-height:1.3;`,
    bullet_list_open: `${text}margin:0 0 16px;padding:0 0 0 24px;font-size:16px;line-height:24px;`,
    ordered_list_open: `${text}margin:0 0 16px;padding:0 0 0 24px;font-size:16px;line-height:24px;`,
    list_item_open: 'margin:0 0 8px;',
    blockquote_open: `margin:0 0 16px;padding:4px 0 4px 12px;border-left:4px solid ${brandColour};color:${mutedColour};`,
    hr: `border:0;border-top:1px solid ${ruleColour};margin:24px 0;`,
    link_open: `color:${brandColour};text-decoration:underline;`,
    code_inline: 'font-family:Menlo,Consolas,monospace;font-size:14px;background:#f5f7fa;padding:1px 4px;',
    code_block:
      'font-family:Menlo,Consolas,monospace;font-size:14px;background:#f5f7fa;padding:12px;margin:0 0 16px;white-space:pre-wrap;',
    fence:
      'font-family:Menlo,Consolas,monospace;font-size:14px;background:#f5f7fa;padding:12px;margin:0 0 16px;white-space:pre-wrap;',
    table_open: `${text}border-collapse:collapse;margin:0 0 16px;font-size:15px;`,
    th_open: `border:1px solid ${ruleColour};padding:6px 8px;text-align:left;`,
    td_open: `border:1px solid ${ruleColour};padding:6px 8px;`,
    image: 'max-width:100%;height:auto;border:0;',
  };
}

const headingSizes: Record<string, string> = { h1: '24px', h2: '20px', h3: '18px' };

function applyStyles(tokens: Token[], styles: Record<string, string>): void {
  for (const token of tokens) {
    let style = styles[token.type];
    if (token.type === 'heading_open') style += `font-size:${headingSizes[token.tag] ?? '16px'};`;
    if (style) token.attrSet('style', style);
    if (token.children) applyStyles(token.children, styles);
  }
}

export function parseMarkdown(source: string): Token[] {
  return md.parse(source, {});
}

/** The body's HTML, every element styled inline. */
export function markdownToHtml(tokens: Token[], brandColour: string): string {
  applyStyles(tokens, stylesFor(brandColour));
  return md.renderer.render(tokens, md.options, {});
}

/** The body as plain text: paragraphs separated by blank lines, links as "text (url)", lists with markers. */
export function markdownToText(tokens: Token[]): string {
  const blocks: string[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quoteDepth = 0;
  let pendingPrefix = '';

  const push = (text: string) => {
    const quote = '> '.repeat(quoteDepth);
    const indent = '   '.repeat(Math.max(0, lists.length - 1));
    const lines = text.split('\n');
    const first = `${quote}${indent}${pendingPrefix}${lines[0] ?? ''}`;
    const rest = lines.slice(1).map((l) => `${quote}${indent}${' '.repeat(pendingPrefix.length)}${l}`);
    blocks.push([first, ...rest].join('\n').trimEnd());
    pendingPrefix = '';
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 1 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        if (list) pendingPrefix = list.ordered ? `${list.next++}. ` : '- ';
        break;
      }
      case 'blockquote_open':
        quoteDepth += 1;
        break;
      case 'blockquote_close':
        quoteDepth -= 1;
        break;
      case 'inline':
        push(inlineText(token.children ?? []));
        break;
      case 'code_block':
      case 'fence':
        push(token.content.replace(/\n$/, ''));
        break;
      case 'hr':
        push('———');
        break;
      default:
        break;
    }
  }
  // Items of a tight list sit on consecutive lines; everything else is separated by a blank line.
  return joinBlocks(blocks, tokens);
}

function joinBlocks(blocks: string[], tokens: Token[]): string {
  // markdown-it marks paragraphs inside tight lists as hidden; their blocks join with one newline.
  const hidden: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'inline') hidden.push(tokens[i - 1]?.hidden === true);
    else if (token.type === 'code_block' || token.type === 'fence' || token.type === 'hr') hidden.push(false);
  }
  let out = '';
  blocks.forEach((block, i) => {
    if (i > 0) out += hidden[i] && hidden[i - 1] ? '\n' : '\n\n';
    out += block;
  });
  return out;
}

function inlineText(children: Token[]): string {
  let out = '';
  const links: { href: string; start: number }[] = [];
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        out += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'image':
        out += child.content;
        break;
      case 'link_open':
        links.push({ href: String(child.attrGet('href') ?? ''), start: out.length });
        break;
      case 'link_close': {
        const link = links.pop();
        if (link?.href && out.slice(link.start) !== link.href) out += ` (${link.href})`;
        break;
      }
      default:
        break;
    }
  }
  return out;
}
