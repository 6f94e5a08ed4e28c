// Links in imported documents are untrusted: only http(s) and mailto, and only after the user says so
// (one question: the desktop host's dialog, or the browser's confirm). Links to a place in the
// document itself ('#id') move the reader there and never leave it.
import type { MouseEvent, ReactNode } from 'react';
import { isAllowedExternalUrl } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { useNotices } from '../components/notices';
import { findAnchorTarget, isInDocumentHref, jumpTo } from './anchors';

/** The one rule for links that may leave Gloss (core/links.ts), shared with both hosts. */
export function isSafeHref(href: string): boolean {
  return isAllowedExternalUrl(href);
}

/**
 * Opens an external link the one way Gloss does: asked once (the desktop host's dialog, or the
 * browser's confirm), only for an allowed URL, never followed in the app.
 */
export function useOpenExternal(): (href: string) => void {
  const client = useClient();
  const notices = useNotices();
  return (href: string) => {
    if (!isSafeHref(href)) return;
    // On desktop the host's native dialog is the question (and it checks the URL again);
    // in a browser the page asks, then opens the link with no way back to Gloss.
    if (client.host === 'desktop') {
      client.call('app:openExternal', { url: href }).catch(notices.error);
      return;
    }
    if (!window.confirm(`Open this link in your browser?\n\n${href}`)) return;
    window.open(href, '_blank', 'noopener,noreferrer');
  };
}

export function SafeLink({ href, children }: { href: string; children: ReactNode }) {
  const openExternal = useOpenExternal();
  if (isInDocumentHref(href)) return <InDocumentLink href={href}>{children}</InDocumentLink>;
  if (!isSafeHref(href)) {
    return (
      <span className="link-inert" title={href ? `Link not opened: ${href}` : undefined}>
        {children}
      </span>
    );
  }
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    // A click that ends a text selection is not a request to leave.
    if (!window.getSelection()?.isCollapsed) return;
    openExternal(href);
  };
  return (
    <a href={href} onClick={onClick} rel="noopener noreferrer" title={href}>
      {children}
    </a>
  );
}

function InDocumentLink({ href, children }: { href: string; children: ReactNode }) {
  const notices = useNotices();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // The route is the URL hash: following '#id' would leave the document.
    event.preventDefault();
    if (!window.getSelection()?.isCollapsed) return;
    const body = event.currentTarget.closest('.document-body');
    const target = body && findAnchorTarget(body, href);
    if (target) jumpTo(target);
    else notices.status({ lines: ['This link points to a place that is not in the document.'], timeoutMs: 5000 });
  };
  return (
    <a href={href} onClick={onClick}>
      {children}
    </a>
  );
}
