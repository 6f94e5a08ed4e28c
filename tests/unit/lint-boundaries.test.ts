// The layer boundaries in eslint.config.js fire where they should, and only there.
// Each case lints one import line as if it were written in a file at `file` (the file need not exist).
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO_DIR = resolve(__dirname, '../..');
const BOUNDARY_RULE = 'no-restricted-imports';

let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: REPO_DIR });
});

async function lint(file: string, code: string) {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: resolve(REPO_DIR, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `parse error in ${file}: ${code}`).toEqual([]);
  return result.messages;
}

async function boundaryMessages(file: string, code: string): Promise<string[]> {
  return (await lint(file, code)).filter((m) => m.ruleId === BOUNDARY_RULE).map((m) => m.message);
}

type Case = [file: string, code: string];

/** Each of these must be reported once, naming the rule of the house and the layer it protects. */
const FORBIDDEN: Array<[layer: string, ...Case]> = [
  // src-main/core: the plain-Node domain.
  ['src-main/core', 'src-main/core/x.ts', "import { app } from 'electron';"],
  ['src-main/core', 'src-main/core/x.ts', "import { contract } from '../ipc/contract';"],
  ['src-main/core', 'src-main/core/x.ts', "import type { ErrorCode } from '../ipc/contract';"],
  ['src-main/core', 'src-main/core/x.ts', "export { IPC_INVOKE } from '../ipc/names';"],
  ['src-main/core', 'src-main/core/x.ts', "import { dispatch } from '../handlers';"],
  ['src-main/core', 'src-main/core/x.ts', "import { dispatch } from '../handlers.ts';"],
  ['src-main/core', 'src-main/core/x.ts', "import { buildAppMenu } from '../electron/menu';"],
  ['src-main/core', 'src-main/core/x.ts', "import { startWebServer } from '../web/server';"],
  ['src-main/core', 'src-main/core/x.ts', "import { run } from '../cli/run';"],
  ['src-main/core', 'src-main/core/store/x.ts', "import { contract } from '../../ipc/contract';"],
  ['src-main/core', 'src-main/core/store/x.ts', "import { dispatch } from '../../handlers';"],
  ['src-main/core', 'src-main/core/export/deep/x.ts', "import { run } from '../../../cli/run';"],
  ['src-main/core', 'src-main/core/store/x.ts', "import { contract } from '../../../src-main/ipc/contract';"],
  // src-main/ipc: the contract the renderer shares.
  ['src-main/ipc', 'src-main/ipc/x.ts', "import { readFile } from 'node:fs';"],
  ['src-main/ipc', 'src-main/ipc/x.ts', "import { join } from 'path';"],
  ['src-main/ipc', 'src-main/ipc/x.ts', "import { readFile } from 'fs/promises';"],
  ['src-main/ipc', 'src-main/ipc/x.ts', "import { createHash } from 'crypto';"],
  ['src-main/ipc', 'src-main/ipc/x.ts', "import { ipcRenderer } from 'electron';"],
  ['src-main/ipc', 'src-main/ipc/x.ts', "import { dispatch } from '../handlers';"],
  ['src-main/ipc', 'src-main/ipc/x.ts', "import { buildAppMenu } from '../electron/menu';"],
  ['src-main/ipc', 'src-main/ipc/x.ts', "import { startWebServer } from '../web/server';"],
  ['src-main/ipc', 'src-main/ipc/x.ts', "import { run } from '../cli/run';"],
  // src-renderer: the browser UI.
  ['src-renderer', 'src-renderer/library/x.tsx', "import { readFile } from 'node:fs';"],
  ['src-renderer', 'src-renderer/library/x.tsx', "import { readFile } from 'fs';"],
  ['src-renderer', 'src-renderer/library/x.tsx', "import { join } from 'path';"],
  ['src-renderer', 'src-renderer/library/x.tsx', "import { homedir } from 'os';"],
  ['src-renderer', 'src-renderer/library/x.tsx', "import { spawn } from 'child_process';"],
  ['src-renderer', 'src-renderer/library/x.tsx', "import { randomUUID } from 'crypto';"],
  ['src-renderer', 'src-renderer/library/x.tsx', "import { readFile } from 'fs/promises';"],
  ['src-renderer', 'src-renderer/library/x.tsx', "import { ipcRenderer } from 'electron';"],
  ['src-renderer', 'src-renderer/library/x.tsx', "import type { Block } from '../../src-main/core/model';"],
  ['src-renderer', 'src-renderer/x.tsx', "import type { Block } from '../src-main/core/model';"],
  ['src-renderer', 'src-renderer/reader/x.tsx', "import { matchesOf } from '../../src-main/core/first-match';"],
  ['src-renderer', 'src-renderer/x.ts', "import { CHANNELS } from '../src-main/ipc/names';"],
  ['src-renderer', 'src-renderer/x.ts', "import { contract } from '../src-main/ipc/contract-v2';"],
  ['src-renderer', 'src-renderer/x.ts', "import { dispatch } from '../src-main/handlers';"],
  ['src-renderer', 'src-renderer/x.ts', "import { buildAppMenu } from '../src-main/electron/menu';"],
  ['src-renderer', 'src-renderer/x.ts', "export * from '../src-main/core/model';"],
  // Hosts never import each other.
  ['src-main/electron', 'src-main/electron/x.ts', "import { startWebServer } from '../web/server';"],
  ['src-main/electron', 'src-main/electron/x.ts', "import { run } from '../cli/run';"],
  ['src-main/web', 'src-main/web/x.ts', "import { app } from 'electron';"],
  ['src-main/web', 'src-main/web/x.ts', "import { buildAppMenu } from '../electron/menu';"],
  ['src-main/web', 'src-main/web/x.ts', "import { run } from '../cli/run';"],
  ['src-main/cli', 'src-main/cli/x.ts', "import { app } from 'electron';"],
  ['src-main/cli', 'src-main/cli/x.ts', "import { buildAppMenu } from '../electron/menu';"],
  ['src-main/cli', 'src-main/cli/x.ts', "import { startWebServer } from '../web/server';"],
  // The handler table is host-neutral.
  ['src-main/handlers', 'src-main/handlers.ts', "import { shell } from 'electron';"],
  ['src-main/handlers', 'src-main/handlers.ts', "import { buildAppMenu } from './electron/menu';"],
  ['src-main/handlers', 'src-main/handlers.ts', "import { startWebServer } from './web/server';"],
  ['src-main/handlers', 'src-main/handlers.ts', "import { run } from './cli/run';"],
];

/** None of these may draw a boundary error. */
const ALLOWED: Case[] = [
  ['src-main/core/x.ts', "import { readFile } from 'node:fs';"],
  ['src-main/core/x.ts', "import { join } from 'path';"],
  ['src-main/core/x.ts', "import { z } from 'zod';"],
  ['src-main/core/x.ts', "import type { Block } from './model';"],
  ['src-main/core/store/x.ts', "import type { Block } from '../model';"],
  ['src-main/core/store/x.ts', "import { GlossError } from '../errors';"],
  ['src-main/ipc/x.ts', "import { z } from 'zod';"],
  ['src-main/ipc/x.ts', "import type { Block } from '../core/model';"],
  ['src-main/ipc/x.ts', "import { GlossError } from '../core/errors';"],
  ['src-main/ipc/x.ts', "import { CHANNELS } from './names';"],
  ['src-renderer/x.tsx', "import type { Output } from '../src-main/ipc/contract';"],
  ['src-renderer/library/x.tsx', "import type { Input } from '../../src-main/ipc/contract';"],
  ['src-renderer/library/x.tsx', "import { normalizeTags } from '../../src-main/ipc/contract';"],
  ['src-renderer/library/x.tsx', "import { useState } from 'react';"],
  ['src-renderer/library/x.tsx', "import { useClient } from '../clientContext';"],
  ['src-main/electron/x.ts', "import { app } from 'electron';"],
  ['src-main/electron/x.ts', "import { join } from 'node:path';"],
  ['src-main/electron/x.ts', "import { dispatch } from '../handlers';"],
  ['src-main/electron/x.ts', "import { IPC_INVOKE } from '../ipc/contract';"],
  ['src-main/electron/x.ts', "import { Library } from '../core/library';"],
  ['src-main/electron/x.ts', "import { buildAppMenu } from './menu';"],
  ['src-main/electron/x.ts', "import { CONTENT_SECURITY_POLICY } from '../content-security-policy';"],
  ['src-main/web/x.ts', "import { createServer } from 'node:http';"],
  ['src-main/web/x.ts', "import { dispatch } from '../handlers';"],
  ['src-main/web/x.ts', "import { startWebServer } from './server';"],
  ['src-main/cli/x.ts', "import { dispatch } from '../handlers';"],
  ['src-main/cli/x.ts', "import { parseArgs } from 'node:util';"],
  ['src-main/handlers.ts', "import { GlossError } from './core/errors';"],
  ['src-main/handlers.ts', "import { contract } from './ipc/contract';"],
  ['src-main/handlers.ts', "import type { z } from 'zod';"],
  // Tests may reach into any layer.
  ['tests/unit/x.test.ts', "import { buildAppMenu } from '../../src-main/electron/menu';"],
  ['tests/unit/x.test.ts', "import { app } from 'electron';"],
];

describe('lint: layer boundaries', () => {
  it.each(FORBIDDEN)('%s: %s rejects %s', async (layer, file, code) => {
    const messages = await boundaryMessages(file, code);
    expect(messages, `${file}: ${code}`).toHaveLength(1);
    expect(messages[0]).toContain('Rule of the house');
    expect(messages[0]).toContain(layer);
  });

  it.each(ALLOWED)('%s allows %s', async (file, code) => {
    expect(await boundaryMessages(file, code)).toEqual([]);
  });
});

describe('lint: React hooks', () => {
  it('reports a hook called conditionally in the renderer', async () => {
    const code = [
      "import { useState } from 'react';",
      'export function Panel({ open }: { open: boolean }) {',
      '  if (open) {',
      '    const [n] = useState(0);',
      '    return n;',
      '  }',
      '  return null;',
      '}',
    ].join('\n');
    const rules = (await lint('src-renderer/reader/x.tsx', code)).map((m) => m.ruleId);
    expect(rules).toContain('react-hooks/rules-of-hooks');
  });

  it('reports a missing effect dependency in the renderer', async () => {
    const code = [
      "import { useEffect } from 'react';",
      'export function useLog(value: string) {',
      '  useEffect(() => {',
      '    console.log(value);',
      '  }, []);',
      '}',
    ].join('\n');
    const rules = (await lint('src-renderer/reader/x.ts', code)).map((m) => m.ruleId);
    expect(rules).toContain('react-hooks/exhaustive-deps');
  });
});
