// Findings are markdown written by analysts and synced between devices, so they are hostile input:
// this turns markdown into HTML that carries no raw HTML at all (it is shown as text), no event
// handlers, and links only to http(s) and mailto, each opened outside the app without a referrer.
// Images never load (an offline tool must not fetch, and a pixel could track the reader): they
// become their alt text. Markdown.tsx runs DOMPurify over the result as a second, independent layer.
import { Marked, type Tokens } from 'marked';

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Escapes text for use inside HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The absolute http(s)/mailto URL a link may point at, or null. Relative URLs, javascript:, data:,
 * vbscript:, entity- or whitespace-obfuscated schemes all fail to parse as an allowed absolute URL.
 */
export function safeLinkHref(href: string): string | null {
  // Browsers ignore tabs and newlines inside a scheme ("java\nscript:"); refuse them outright.
  const trimmed = href.trim();
  for (const char of trimmed) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || /\s/.test(char)) return null;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

const markdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link) {
      const label = this.parser.parseInline(tokens);
      const safe = safeLinkHref(href);
      if (safe === null) return label;
      const titleAttribute = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(safe)}"${titleAttribute} target="_blank" rel="noreferrer noopener">${label}</a>`;
    },
    image({ text }: Tokens.Image) {
      return `<span class="markdown__image-alt">[image: ${escapeHtml(text)}]</span>`;
    },
  },
});

/** Markdown → HTML safe to insert (before the DOMPurify pass, which must find nothing to remove). */
export function markdownToSafeHtml(source: string): string {
  return markdown.parse(source, { async: false });
}
