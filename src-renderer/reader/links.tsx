// Links in imported documents are untrusted: only http(s) and mailto, and only after the user says so.
import type { MouseEvent, ReactNode } from 'react';
import { useClient } from '../clientContext';
import { useNotices } from '../components/notices';

export function isSafeHref(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:';
  } catch {
    return false;
  }
}

export function SafeLink({ href, children }: { href: string; children: ReactNode }) {
  const client = useClient();
  const notices = useNotices();
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
    if (!window.confirm(`Open this link in your browser?\n\n${href}`)) return;
    if (client.host === 'desktop') {
      client.call('app:openExternal', { url: href }).catch(notices.error);
    } else {
      window.open(href, '_blank', 'noopener,noreferrer');
    }
  };
  return (
    <a href={href} onClick={onClick} rel="noopener noreferrer" title={href}>
      {children}
    </a>
  );
}
