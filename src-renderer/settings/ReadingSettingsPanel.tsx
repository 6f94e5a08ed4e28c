// The Reading settings panel: theme, font, text size, line height, column width, justification, and
// Reset to defaults. A non-modal dialog: the text stays in view and changes as the controls move.
// Focus starts on the theme; Escape, Close or a click outside closes it.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import {
  COLUMN_WIDTH,
  DEFAULT_READING_SETTINGS,
  LINE_HEIGHT,
  TEXT_SIZE,
  THEME_LABELS,
  THEMES,
  type ReadingSettingsChange,
} from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { useNotices } from '../components/notices';
import { useFontChoices } from './fonts';
import { changeReadingSettings } from './store';
import { useReadingSettings } from './useReadingSettings';
import './settings.css';

interface Props {
  /** `returnFocus`: closed by Escape or Close (focus goes back to where it came from), not by a click elsewhere */
  onClose: (returnFocus: boolean) => void;
  /** the button that toggles the panel: a press on it is not "a click outside" */
  anchor?: RefObject<HTMLElement | null>;
  id?: string;
}

export function ReadingSettingsPanel({ onClose, anchor, id }: Props) {
  const client = useClient();
  const notices = useNotices();
  const settings = useReadingSettings();
  const fonts = useFontChoices(client.host, settings.font);
  const panel = useRef<HTMLElement>(null);
  const firstControl = useRef<HTMLInputElement>(null);
  const ids = useId();

  const change = (next: ReadingSettingsChange) => void changeReadingSettings(client, next).catch(notices.error);

  useEffect(() => firstControl.current?.focus(), []);

  useEffect(() => {
    const onPointerDown = (event: MouseEvent) => {
      const target = event.target as Node | null;
      if (!target || panel.current?.contains(target) || anchor?.current?.contains(target)) return;
      onClose(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [anchor, onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onClose(true);
  };

  const headingId = `${ids}-title`;
  return (
    <section ref={panel} id={id} className="settings-panel" role="dialog" aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <div className="settings-panel-header">
        <h2 id={headingId}>Reading settings</h2>
        <button type="button" className="button button-small button-quiet" onClick={() => onClose(true)}>
          Close
        </button>
      </div>

      <fieldset className="settings-themes">
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme} className="settings-theme" data-theme-preview={theme}>
            <input
              ref={theme === settings.theme ? firstControl : undefined}
              type="radio"
              name={`${ids}-theme`}
              value={theme}
              checked={settings.theme === theme}
              onChange={() => change({ theme })}
            />
            <span className="settings-theme-swatch" aria-hidden="true" />
            {THEME_LABELS[theme]}
          </label>
        ))}
      </fieldset>

      <div className="settings-field">
        <label htmlFor={`${ids}-font`}>Font</label>
        <select id={`${ids}-font`} value={settings.font} onChange={(e) => change({ font: e.target.value })}>
          {fonts.generic.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
          {fonts.installed.length > 0 && (
            <optgroup label="Installed fonts">
              {fonts.installed.map((family) => (
                <option key={family} value={family}>
                  {family}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>

      <Slider
        id={`${ids}-size`}
        label="Text size"
        range={TEXT_SIZE}
        value={settings.textSize}
        shown={`${settings.textSize} px`}
        onChange={(textSize) => change({ textSize })}
      />
      <Slider
        id={`${ids}-line-height`}
        label="Line height"
        range={LINE_HEIGHT}
        value={settings.lineHeight}
        shown={settings.lineHeight.toFixed(2)}
        onChange={(lineHeight) => change({ lineHeight })}
      />
      <Slider
        id={`${ids}-width`}
        label="Column width"
        range={COLUMN_WIDTH}
        value={settings.columnWidth}
        shown={`${settings.columnWidth} characters`}
        onChange={(columnWidth) => change({ columnWidth })}
      />

      <label className="settings-check">
        <input type="checkbox" checked={settings.justify} onChange={(e) => change({ justify: e.target.checked })} />
        Justify text
      </label>

      <div className="settings-actions">
        <button type="button" className="button button-small" onClick={() => change({ ...DEFAULT_READING_SETTINGS })}>
          Reset to defaults
        </button>
      </div>
    </section>
  );
}

interface SliderProps {
  id: string;
  label: string;
  range: { min: number; max: number; step: number };
  value: number;
  /** the value as shown beside the label and read out by screen readers */
  shown: ReactNode & string;
  onChange: (value: number) => void;
}

function Slider({ id, label, range, value, shown, onChange }: SliderProps) {
  return (
    <div className="settings-field settings-slider">
      <label htmlFor={id}>{label}</label>
      {/* Seen, not read twice: the slider itself says its value (aria-valuetext). */}
      <span className="settings-value" aria-hidden="true">
        {shown}
      </span>
      <input
        id={id}
        type="range"
        min={range.min}
        max={range.max}
        step={range.step}
        value={value}
        aria-valuetext={shown}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </div>
  );
}
