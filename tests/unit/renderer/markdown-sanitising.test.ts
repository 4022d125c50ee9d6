// Findings are written by other people and synced from other devices: rendering them must never run
// script, attach handlers, load resources or link to javascript:.
import { describe, expect, it } from 'vitest';
import { markdownToSafeHtml, safeLinkHref } from '../../../src-renderer/components/markdown-html';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '[x](https://example.com/" onmouseover="alert(1))',
  '[x](https://example.com "t\\" onmouseover=\\"alert(1)")',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<details open ontoggle=alert(1)>',
  '```\n</code><script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '<<script>script>alert(1)<</script>/script>',
];

/** Any tag at all that markdown did not produce from markdown syntax. */
function rawTags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => (match[1] ?? '').toLowerCase());
}

const MARKDOWN_TAGS = new Set(['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'input']);

describe('markdown findings are rendered without anything that could run or load', () => {
  for (const input of HOSTILE) {
    it(`neutralises ${JSON.stringify(input)}`, () => {
      const html = markdownToSafeHtml(input);
      for (const tag of rawTags(html)) expect(MARKDOWN_TAGS.has(tag), `unexpected <${tag}> in ${html}`).toBe(true);
      // Attribute values are quoted and escaped; a handler only counts outside a quoted value.
      const outsideValues = html.replace(/="[^"]*"/g, '=""');
      expect(outsideValues).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
      expect(html).not.toMatch(/<img|<script|<iframe|<svg/i);
    });
  }

  it('shows raw HTML as text rather than dropping what the analyst wrote', () => {
    expect(markdownToSafeHtml('<b>bold</b>')).toContain('&#60;b&#62;bold&#60;/b&#62;');
  });

  it('keeps ordinary markdown: emphasis, lists, code, tables', () => {
    const html = markdownToSafeHtml('**Ring** of _three_\n\n- a\n- b\n\n`x < y`\n\n| a | b |\n| - | - |\n| 1 | 2 |');
    expect(html).toContain('<strong>Ring</strong>');
    expect(html).toContain('<em>three</em>');
    expect(html).toContain('<li>a</li>');
    expect(html).toContain('<code>x &lt; y</code>');
    expect(html).toContain('<td>1</td>');
  });

  it('opens safe links outside the app without a referrer', () => {
    const html = markdownToSafeHtml('[report](https://example.com/case?id=1&x=2)');
    expect(html).toContain('href="https://example.com/case?id=1&#38;x=2"');
    expect(html).toContain('rel="noreferrer noopener"');
    expect(html).toContain('target="_blank"');
  });

  it('keeps the words of an unsafe link but not the link', () => {
    const html = markdownToSafeHtml('[click here](javascript:alert(1))');
    expect(html).toContain('click here');
    expect(html).not.toContain('<a');
  });

  it('turns images into their alt text so nothing is fetched', () => {
    const html = markdownToSafeHtml('![screenshot of the profile](https://tracker.example/p.png)');
    expect(html).toContain('[image: screenshot of the profile]');
    expect(html).not.toContain('tracker.example');
  });
});

describe('link policy', () => {
  it.each([
    ['https://example.com/a', 'https://example.com/a'],
    ['http://example.com', 'http://example.com/'],
    ['mailto:abuse@example.com', 'mailto:abuse@example.com'],
  ])('allows %s', (href, expected) => expect(safeLinkHref(href)).toBe(expected));

  it.each(['javascript:alert(1)', ' javascript:alert(1)', 'java\nscript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '/relative', '#anchor', 'vbscript:x', ''])(
    'refuses %j',
    (href) => expect(safeLinkHref(href)).toBeNull(),
  );
});
