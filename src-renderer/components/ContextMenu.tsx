// The one context menu (right-click, the context-menu key, Shift+F10): a list of commands at a point,
// keyboard-operable as a menu should be (arrows, Home/End, a letter to jump, Enter, Escape), closed by
// a click elsewhere or by scrolling, and giving focus back to where it was.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import './context-menu.css';

export interface MenuItem {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  /** a line above this item */
  separated?: boolean;
}

interface Props {
  /** the menu's accessible name ("Highlight", "Document") */
  label: string;
  /** where it opens, in viewport pixels (kept on screen) */
  x: number;
  y: number;
  items: MenuItem[];
  onClose(): void;
}

export function ContextMenu({ label, x, y, items, onClose }: Props) {
  const menu = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ left: x, top: y });
  const returnTo = useRef<Element | null>(document.activeElement);

  useLayoutEffect(() => {
    const el = menu.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    setPlace({ left: Math.max(4, Math.min(x, window.innerWidth - width - 4)), top: Math.max(4, Math.min(y, window.innerHeight - height - 4)) });
    el.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [x, y]);

  useEffect(() => {
    const close = (event: Event) => {
      if (event.type === 'mousedown' && menu.current?.contains(event.target as Node)) return;
      onClose();
    };
    window.addEventListener('mousedown', close, true);
    window.addEventListener('scroll', close, true);
    window.addEventListener('resize', close);
    window.addEventListener('blur', close);
    const back = returnTo.current;
    return () => {
      window.removeEventListener('mousedown', close, true);
      window.removeEventListener('scroll', close, true);
      window.removeEventListener('resize', close);
      window.removeEventListener('blur', close);
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, [onClose]);

  const focusable = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []);
  const onKeyDown = (event: KeyboardEvent) => {
    const list = focusable();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(list.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else if (event.key.length === 1 && /\S/.test(event.key)) {
      const next = list.findIndex((el, i) => i > at && el.textContent?.toLowerCase().startsWith(event.key.toLowerCase()));
      const first = list.findIndex((el) => el.textContent?.toLowerCase().startsWith(event.key.toLowerCase()));
      if (next >= 0 || first >= 0) go(next >= 0 ? next : first);
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  // Drawn over everything, wherever it is opened from: a landmark of its own, so it is never content outside one.
  return (
    <div role="region" aria-label={`${label} menu`}>
      <div
        ref={menu}
        className="context-menu"
        role="menu"
        aria-label={label}
        style={place}
        onKeyDown={onKeyDown}
        onContextMenu={(e) => e.preventDefault()}
      >
        {items.map((item) => (
          <div
            key={item.label}
            role="menuitem"
            tabIndex={-1}
            aria-disabled={item.disabled || undefined}
            className={item.separated ? 'context-menu-item separated' : 'context-menu-item'}
            onClick={() => {
              if (item.disabled) return;
              onClose();
              item.onSelect();
            }}
            onKeyDown={(event) => {
              if ((event.key === 'Enter' || event.key === ' ') && !item.disabled) {
                event.preventDefault();
                onClose();
                item.onSelect();
              }
            }}
          >
            {item.label}
          </div>
        ))}
      </div>
    </div>
  );
}
