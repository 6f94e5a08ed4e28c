// Reading settings (issue 7 §3): the panel in the reader, the text it changes, the core keeping them
// for every window (a reload, another program), the whole app following the theme, and the text-size
// keys. The desktop View menu's items are unit-tested (tests/unit/electron-menu.test.ts).
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { callApi, expect, importThroughChooser, seedsDir, test } from './fixtures';

const TITLE = 'Moscow says that risks from militant groups worldwide have not gone away';

/** What a reader sees of a paragraph: colours, type and measure, as the browser computed them. */
function looks(paragraph: Locator) {
  return paragraph.evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      theme: document.documentElement.dataset.theme,
      color: style.color,
      page: getComputedStyle(document.body).backgroundColor,
      fontFamily: style.fontFamily,
      fontSize: style.fontSize,
      lineHeight: style.lineHeight,
      textAlign: style.textAlign,
      width: Math.round(el.getBoundingClientRect().width),
    };
  });
}

async function openDocument(page: Page) {
  await page.getByRole('button', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  return page.getByRole('article').getByText('Terrorism threats in unstable regions');
}

test('Reading settings: theme, font, size and width change the text, are kept after a reload, and Ctrl+= / Ctrl+0 change the size', async ({
  page,
  gloss,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(gloss.url);
  await importThroughChooser(page, [path.join(seedsDir, '004_8857d8e3aa01ed9b.txt')]);
  const paragraph = await openDocument(page);

  const before = await looks(paragraph);
  expect(before).toMatchObject({ theme: 'system', color: 'rgb(35, 33, 29)', page: 'rgb(251, 250, 247)', fontSize: '18px', textAlign: 'start' });
  expect(before.fontFamily).toContain('Serif');

  const button = page.getByRole('button', { name: 'Reading settings' });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.click();
  const panel = page.getByRole('dialog', { name: 'Reading settings' });
  await expect(panel).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  // Focus starts on the chosen theme.
  await expect(panel.getByRole('radio', { name: 'Follow the system' })).toBeFocused();
  await expect(panel.getByRole('radio', { name: 'Follow the system' })).toBeChecked();

  await panel.getByRole('radio', { name: 'Dark' }).check();
  await panel.getByRole('combobox', { name: 'Font' }).selectOption({ label: 'Sans-serif' });
  const size = panel.getByRole('slider', { name: 'Text size' });
  await size.fill('24');
  await expect(size).toHaveAttribute('aria-valuetext', '24 px');
  await expect(panel.getByText('24 px', { exact: true })).toBeVisible();
  await panel.getByRole('slider', { name: 'Column width' }).fill('40');
  await expect(panel.getByText('40 characters', { exact: true })).toBeVisible();
  await panel.getByRole('slider', { name: 'Line height' }).fill('2');
  await panel.getByRole('checkbox', { name: 'Justify text' }).check();

  const after = await looks(paragraph);
  expect(after).toMatchObject({
    theme: 'dark',
    color: 'rgb(232, 228, 220)',
    page: 'rgb(28, 27, 25)',
    fontSize: '24px',
    lineHeight: '48px',
    textAlign: 'justify',
  });
  expect(after.fontFamily).toContain('system-ui');
  expect(after.fontFamily).not.toContain('Serif');
  // 40 characters of 24 px sans-serif is a narrower column than 68 of 18 px serif.
  expect(after.width).toBeLessThan(before.width * 0.85);

  // Escape closes the panel and gives focus back to its button.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  // Saved in the core, so a reload (or any other window) reads them from there.
  await expect
    .poll(() => callApi(gloss, 'settings:get', {}))
    .toEqual({
      theme: 'dark',
      font: 'sans-serif',
      textSize: 24,
      lineHeight: 2,
      columnWidth: 40,
      justify: true,
    });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  expect(await looks(paragraph)).toEqual(after);

  // Ctrl+= and Ctrl+- step the text size anywhere in the app, Ctrl+0 resets it.
  await page.keyboard.press('Control+=');
  await expect.poll(async () => (await looks(paragraph)).fontSize).toBe('26px');
  await page.keyboard.press('Control+-');
  await page.keyboard.press('Control+-');
  await expect.poll(async () => (await looks(paragraph)).fontSize).toBe('22px');
  await page.keyboard.press('Control+0');
  await expect.poll(async () => (await looks(paragraph)).fontSize).toBe('18px');
  await expect.poll(async () => ((await callApi(gloss, 'settings:get', {})) as { textSize: number }).textSize).toBe(18);

  // Not while typing: in the tag field, Ctrl+= is the field's own business.
  const tagField = page.getByRole('textbox', { name: 'Add document tag' });
  await tagField.focus();
  await page.keyboard.press('Control+=');
  await page.waitForTimeout(400);
  expect((await looks(paragraph)).fontSize).toBe('18px');
  expect(((await callApi(gloss, 'settings:get', {})) as { textSize: number }).textSize).toBe(18);
});

test('the whole app follows the theme, changes made elsewhere arrive at once, and Reset to defaults puts everything back', async ({
  page,
  gloss,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(gloss.url);
  await importThroughChooser(page, [path.join(seedsDir, '004_8857d8e3aa01ed9b.txt')]);
  const bodyColours = () => page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
  expect(await bodyColours()).toEqual(['rgb(251, 250, 247)', 'rgb(35, 33, 29)']);

  // Following the system follows it live.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(bodyColours).toEqual(['rgb(28, 27, 25)', 'rgb(232, 228, 220)']);
  await page.emulateMedia({ colorScheme: 'light' });

  // Another program (or another window) changes the theme: the library shows it without a reload.
  await callApi(gloss, 'settings:set', { theme: 'sepia' });
  await expect.poll(bodyColours).toEqual(['rgb(244, 236, 216)', 'rgb(58, 46, 31)']);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia');

  const paragraph = await openDocument(page);
  await page.getByRole('button', { name: 'Reading settings' }).click();
  const panel = page.getByRole('dialog', { name: 'Reading settings' });
  await expect(panel.getByRole('radio', { name: 'Sepia' })).toBeChecked();
  await expect(panel.getByRole('radio', { name: 'Sepia' })).toBeFocused();
  // Every control is reachable by its name.
  for (const name of ['Follow the system', 'Light', 'Sepia', 'Dark']) await expect(panel.getByRole('radio', { name })).toBeVisible();
  await expect(panel.getByRole('group', { name: 'Theme' })).toBeVisible();
  for (const name of ['Text size', 'Line height', 'Column width']) await expect(panel.getByRole('slider', { name })).toBeVisible();
  await expect(panel.getByRole('combobox', { name: 'Font' })).toHaveValue('serif');
  await expect(panel.getByRole('checkbox', { name: 'Justify text' })).not.toBeChecked();

  await panel.getByRole('slider', { name: 'Text size' }).fill('30');
  await expect.poll(async () => paragraph.evaluate((el) => getComputedStyle(el).fontSize)).toBe('30px');
  await panel.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(panel.getByRole('radio', { name: 'Follow the system' })).toBeChecked();
  await expect(panel.getByRole('slider', { name: 'Text size' })).toHaveValue('18');
  await expect.poll(async () => paragraph.evaluate((el) => getComputedStyle(el).fontSize)).toBe('18px');
  await expect
    .poll(() => callApi(gloss, 'settings:get', {}))
    .toEqual({
      theme: 'system',
      font: 'serif',
      textSize: 18,
      lineHeight: 1.7,
      columnWidth: 68,
      justify: false,
    });

  // The Close button closes it too; a click elsewhere as well.
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByRole('button', { name: 'Reading settings' })).toBeFocused();
  await page.getByRole('button', { name: 'Reading settings' }).click();
  await expect(panel).toBeVisible();
  await page.getByRole('heading', { level: 1, name: TITLE }).click();
  await expect(panel).toBeHidden();

  // Back in the library, the theme is still the system's.
  await page.getByRole('button', { name: 'Back to library' }).click();
  expect(await bodyColours()).toEqual(['rgb(251, 250, 247)', 'rgb(35, 33, 29)']);
});

test('a value out of range sent to settings:set is refused with its range, and nothing changes', async ({ gloss }) => {
  await expect(callApi(gloss, 'settings:set', { textSize: 40 })).rejects.toThrow(/textSize: Text size must be between 12 and 32 px/);
  await expect(callApi(gloss, 'settings:set', { columnWidth: 10 })).rejects.toThrow(/Column width must be between 30 and 120 characters/);
  expect(await callApi(gloss, 'settings:get', {})).toMatchObject({ textSize: 18, columnWidth: 68 });
});
