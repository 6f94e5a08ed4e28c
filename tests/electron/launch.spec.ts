// Launch the real desktop app where an Electron binary exists. The electron package downloads its
// binary lazily on first start, which these machines cannot do, so look for the file itself and
// skip (saying why) when it is missing instead of letting `require('electron')` try the network.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

const repoRoot = resolve(import.meta.dirname, '..', '..');

function platformExecutable(): string {
  if (process.platform === 'win32') return 'electron.exe';
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/** The Electron executable, found the way node_modules/electron/index.js finds it, minus the download. */
function findElectron(): { executable: string } | { reason: string } {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'Electron binary not available: the electron package is not installed' };
  }
  const pathTxt = join(pkgDir, 'path.txt');
  const name = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : platformExecutable();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const executable = join(distDir, name);
  try {
    accessSync(executable, constants.X_OK);
  } catch {
    return { reason: `Electron binary not available: ${executable} missing (it cannot be downloaded on this machine)` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: `Electron binary found at ${executable}, but there is no display to open a window on (run under xvfb-run)` };
  }
  return { executable };
}

const found = findElectron();
if ('reason' in found) console.log(`[electron launch test] skipped: ${found.reason}`);
test.skip('reason' in found, 'reason' in found ? found.reason : '');

let tmp: string;
let app: ElectronApplication | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  // Global setup builds only the renderer; the desktop app needs main and preload bundles too.
  execFileSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' });
});

test.beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'gloss-electron-'));
});

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  await rm(tmp, { recursive: true, force: true });
});

test('the desktop app opens a locked-down window with the Gloss bridge', async () => {
  if (!('executable' in found)) return;
  const dataDir = join(tmp, 'library');
  app = await electron.launch({
    executablePath: found.executable,
    args: [join(repoRoot, 'out', 'main', 'index.js'), '--data', dataDir],
    cwd: repoRoot,
    // Chromium's profile goes to a temp folder too, never the user's real ~/.config/Gloss.
    env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'config'), APPDATA: join(tmp, 'config') } as Record<string, string>,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  // The UI comes from the app's own scheme, never a file: URL.
  expect(page.url()).toMatch(/^app:\/\/gloss\//);

  const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
  expect(title).toContain('Gloss');

  // The page has no Node: no require, no process; only the bridge the preload exposed.
  const globals = await page.evaluate(() => {
    const w = globalThis as unknown as { gloss?: Record<string, unknown>; require?: unknown; process?: unknown };
    return {
      bridge: w.gloss ? Object.keys(w.gloss).sort() : null,
      kinds: w.gloss ? [typeof w.gloss.invoke, typeof w.gloss.on, typeof w.gloss.pathForFile] : [],
      require: typeof w.require,
      process: typeof w.process,
    };
  });
  expect(globals).toEqual({
    bridge: ['invoke', 'on', 'pathForFile'],
    kinds: ['function', 'function', 'function'],
    require: 'undefined',
    process: 'undefined',
  });

  const status = await page.evaluate(() =>
    (globalThis as unknown as { gloss: { invoke(c: string, i: unknown): Promise<unknown> } }).gloss.invoke('app:status', {}),
  );
  expect(status).toMatchObject({ ok: true, value: { host: 'desktop', dataDir, canPickFolder: true } });

  const unknown = await page.evaluate(() =>
    (globalThis as unknown as { gloss: { invoke(c: string, i: unknown): Promise<unknown> } }).gloss.invoke('fs:readEverything', {}),
  );
  expect(unknown).toMatchObject({ ok: false, code: 'invalid_input' });

  // Offline by design: a request to the network never leaves the app.
  const remote = await page.evaluate(() =>
    fetch('https://example.org/').then(
      () => 'fetched',
      () => 'blocked',
    ),
  );
  expect(remote).toBe('blocked');

  // Nor does a file: URL, and app:// serves the built renderer only.
  const local = await page.evaluate(() =>
    Promise.all(
      ['file:///etc/hosts', 'app://gloss/..%2f..%2fmain%2findex.js', 'app://other/index.html'].map((url) =>
        fetch(url).then(
          (response) => (response.ok ? 'fetched' : `status ${response.status}`),
          () => 'blocked',
        ),
      ),
    ),
  );
  expect(local.every((outcome) => outcome !== 'fetched')).toBe(true);
});
