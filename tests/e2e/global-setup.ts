import { execFileSync } from 'node:child_process';

// Build the renderer once; every test starts its own browser-mode server on a fresh data folder.
export default function globalSetup(): void {
  execFileSync('npm', ['run', 'build:renderer', '--silent'], { stdio: 'inherit' });
}
