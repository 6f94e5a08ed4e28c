// The reading settings in React: the current ones (re-rendering on any change), and the text-size
// keys, mounted once for the whole app (ReadingSettingsRoot).
import { useEffect, useSyncExternalStore } from 'react';
import { steppedTextSize, type ReadingSettings } from '../../src-main/ipc/contract';
import type { GlossClient } from '../client';
import { isTypingTarget, pageHandlesTextSizeKeys, textSizeStepOf } from './keys';
import { changeReadingSettings, currentReadingSettings, subscribeReadingSettings } from './store';

export function useReadingSettings(): ReadingSettings {
  return useSyncExternalStore(subscribeReadingSettings, currentReadingSettings);
}

/** Ctrl/Cmd + "+" / "−" / "0" change or reset the text size anywhere in the app, but not while typing. */
export function useTextSizeKeys(client: GlossClient, onError: (error: unknown) => void): void {
  useEffect(() => {
    if (!pageHandlesTextSizeKeys(client.host)) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const step = textSizeStepOf(event);
      if (!step || isTypingTarget(event.target as HTMLElement | null)) return;
      // Instead of the browser's page zoom: the reading text changes, the app's controls stay put.
      event.preventDefault();
      const textSize = steppedTextSize(currentReadingSettings().textSize, step);
      changeReadingSettings(client, { textSize }).catch(onError);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [client, onError]);
}
