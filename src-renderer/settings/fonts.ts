// The fonts the Reading settings panel offers: serif, sans-serif and monospace everywhere, and in the
// desktop app the installed fonts (the Local Font Access API; the desktop host grants 'local-fonts' to
// the app's own page only). Browser mode does not ask: the browser would prompt the user for it.
import { useEffect, useState } from 'react';
import { GENERIC_FONTS, isGenericFont, type GenericFont } from '../../src-main/ipc/contract';

export const GENERIC_FONT_LABELS: Record<GenericFont, string> = { serif: 'Serif', 'sans-serif': 'Sans-serif', monospace: 'Monospace' };

export interface FontChoices {
  generic: { value: GenericFont; label: string }[];
  /** family names, sorted; includes the chosen font even when this machine does not list it */
  installed: string[];
}

type QueryLocalFonts = () => Promise<{ family: string }[]>;

let installedFonts: Promise<string[]> | null = null;

/** The installed font families, asked once per window (the query needs the click that opened the panel). */
function queryInstalledFonts(host: 'desktop' | 'web'): Promise<string[]> {
  const query = (window as unknown as { queryLocalFonts?: QueryLocalFonts }).queryLocalFonts;
  if (host !== 'desktop' || typeof query !== 'function') return Promise.resolve([]);
  installedFonts ??= query.call(window).then(
    (fonts) => [...new Set(fonts.map((f) => f.family))].filter((f) => f && !isGenericFont(f)).sort((a, b) => a.localeCompare(b)),
    () => {
      installedFonts = null; // refused or not ready: the next opening asks again
      return [];
    },
  );
  return installedFonts;
}

export function useFontChoices(host: 'desktop' | 'web', current: string): FontChoices {
  const [installed, setInstalled] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void queryInstalledFonts(host).then((fonts) => live && setInstalled(fonts));
    return () => {
      live = false;
    };
  }, [host]);
  const withCurrent = isGenericFont(current) || installed.includes(current) ? installed : [...installed, current].sort((a, b) => a.localeCompare(b));
  return { generic: GENERIC_FONTS.map((value) => ({ value, label: GENERIC_FONT_LABELS[value] })), installed: withCurrent };
}
