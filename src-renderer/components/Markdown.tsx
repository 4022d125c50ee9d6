// Renders analyst-written markdown (findings, summaries). Two independent layers: markdown-html.ts
// never emits raw HTML or unsafe links, and DOMPurify here removes anything that slipped through.
import DOMPurify from 'dompurify';
import { useMemo } from 'react';
import { markdownToSafeHtml } from './markdown-html';
import './markdown.css';

const PURIFY_CONFIG = {
  ALLOWED_TAGS: [
    'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'hr', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'input',
  ],
  ALLOWED_ATTR: ['href', 'title', 'target', 'rel', 'class', 'type', 'checked', 'disabled', 'align', 'start'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  ALLOW_DATA_ATTR: false,
};

let hooksInstalled = false;

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noreferrer noopener');
    }
    // Task-list checkboxes are read-only: findings are edited as text.
    if (node.tagName === 'INPUT') {
      if (node.getAttribute('type') !== 'checkbox') node.remove();
      else node.setAttribute('disabled', '');
    }
  });
}

export function sanitizeMarkdown(source: string): string {
  installHooks();
  return DOMPurify.sanitize(markdownToSafeHtml(source), PURIFY_CONFIG);
}

export function Markdown({ source, className, testId }: { source: string; className?: string; testId?: string }) {
  const html = useMemo(() => sanitizeMarkdown(source), [source]);
  if (source.trim() === '') return <p className="muted">Nothing written yet.</p>;
  return <div className={['markdown', className ?? ''].filter(Boolean).join(' ')} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
