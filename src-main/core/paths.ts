import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The desktop app's data folder, computed without Electron so the CLI and browser mode default to
 * the same place: Electron's userData for an app named "Gloss", plus "library".
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(appData, 'Gloss', 'library');
}

/** The app's own resources folder (welcome.md), relative to the repository when not packaged. */
export const defaultResourcesDir = join(import.meta.dirname, '..', '..', 'resources');
