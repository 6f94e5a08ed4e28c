// Mounted once for the whole app (App.tsx): the text-size keys, changes made in other windows, tabs
// or the desktop menu, and View › Reading Settings… where no reader is on screen (the library): the
// panel is then shown on its own.
import { useCallback, useEffect, useState } from 'react';
import { useClient } from '../clientContext';
import { useNotices } from '../components/notices';
import { openPanelInPlace } from './panelRequests';
import { ReadingSettingsPanel } from './ReadingSettingsPanel';
import { receiveReadingSettings } from './store';
import { useTextSizeKeys } from './useReadingSettings';

export function ReadingSettingsRoot() {
  const client = useClient();
  const notices = useNotices();
  const [floating, setFloating] = useState<{ returnTo: HTMLElement | null } | null>(null);

  useTextSizeKeys(client, notices.error);
  useEffect(() => client.onEvent('settings:changed', receiveReadingSettings), [client]);
  useEffect(
    () =>
      client.onEvent('settings:openPanel', () => {
        if (!openPanelInPlace()) setFloating({ returnTo: document.activeElement instanceof HTMLElement ? document.activeElement : null });
      }),
    [client],
  );

  const close = useCallback(
    (returnFocus: boolean) => {
      if (returnFocus) floating?.returnTo?.focus();
      setFloating(null);
    },
    [floating],
  );

  return floating ? <ReadingSettingsPanel onClose={close} /> : null;
}
