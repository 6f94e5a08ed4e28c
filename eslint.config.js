// ESLint flat config for Gloss.
//
// Besides the usual recommended rules, this file encodes the layers of the house as import boundaries
// (see "Layer boundaries" below). tests/unit/lint-boundaries.test.ts proves each boundary fires.
// Formatting is Prettier's job: eslint-config-prettier (last) switches off every stylistic rule.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SOURCE = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

// ---------------------------------------------------------------------------------------------
// Layer boundaries
//
//   src-main/core/**      the plain-Node domain: Node built-ins and npm packages only.
//   src-main/ipc/**       the zod contract shared with the renderer: pure, may use core's pure modules.
//   src-main/handlers.ts  the handler table: core + ipc, never a host.
//   src-main/electron/**, src-main/web/**, src-main/cli/**   the hosts: each wires core + handlers; never each other.
//   src-renderer/**       the browser UI: talks to the main side only through src-main/ipc/contract.
//
// The rules use `no-restricted-imports` with regexes on the import specifier. Relative specifiers are
// matched with any number of leading '../', so '../ipc/contract' and '../../ipc/contract' are both caught.
// ---------------------------------------------------------------------------------------------

/** `(?:a|b|c)` */
const anyOf = (names) => `(?:${names.join('|')})`;
/** The end of a path segment: a '/', a file extension, or the end of the specifier. */
const SEGMENT_END = '(?:/.*|\\.[cm]?[jt]sx?)?$';
/** From a folder one level under src-main/ (core, ipc, a host) at any depth: '../x', '../../x', '../../src-main/x'. */
const fromSrcMainSubfolder = (names) => `^(?:\\.\\./)+(?:src-main/)?${anyOf(names)}${SEGMENT_END}`;
/** From a file directly in src-main/ (handlers.ts): './x', or a detour like '../src-main/x'. */
const fromSrcMainRoot = (names) => `^(?:\\./|(?:\\.\\./)+src-main/)${anyOf(names)}${SEGMENT_END}`;

const NODE_NAMES = [...new Set(builtinModules.map((name) => name.split('/')[0]))].sort();
/** 'node:fs', 'fs', 'fs/promises', 'child_process', … */
const NODE_BUILTIN = `^(?:node:.*|${anyOf(NODE_NAMES)}(?:/.*)?)$`;

const HOSTS = ['electron', 'web', 'cli'];
const HOUSE = 'Rule of the house (layers, see eslint.config.js):';

const electronPackage = (message) => ({ name: 'electron', message });

/** One `no-restricted-imports` setting. Each file must be matched by exactly one boundary block below,
 *  because in flat config a later setting of the same rule replaces (does not merge with) an earlier one. */
const restrict = ({ paths = [], patterns = [] }) => ['error', { paths, patterns }];
const pattern = (regex, message) => ({ regex, message, caseSensitive: true });

const boundaries = [
  {
    name: 'gloss/boundaries/core',
    files: [`src-main/core/**/*.${SOURCE}`],
    rules: {
      'no-restricted-imports': restrict({
        paths: [
          electronPackage(
            `${HOUSE} src-main/core is the plain-Node domain and never imports electron. Take what you need from a host (src-main/electron) as a parameter instead.`,
          ),
        ],
        patterns: [
          pattern(
            fromSrcMainSubfolder(['ipc', 'handlers', ...HOSTS]),
            `${HOUSE} src-main/core never imports src-main/ipc, src-main/handlers or a host (electron/web/cli). Core is the bottom layer: move the shared type or value into core (e.g. core/model or core/errors) and let the upper layer import it from there.`,
          ),
        ],
      }),
    },
  },
  {
    name: 'gloss/boundaries/ipc',
    files: [`src-main/ipc/**/*.${SOURCE}`],
    rules: {
      'no-restricted-imports': restrict({
        paths: [
          electronPackage(
            `${HOUSE} src-main/ipc is the contract shared with the renderer and never imports electron. Only hosts (src-main/electron) talk to Electron.`,
          ),
        ],
        patterns: [
          pattern(
            NODE_BUILTIN,
            `${HOUSE} src-main/ipc is bundled into the renderer and never imports Node built-ins (node:*, fs, path, crypto, …). Keep it pure: zod schemas and types.`,
          ),
          pattern(
            fromSrcMainSubfolder(['handlers', ...HOSTS]),
            `${HOUSE} src-main/ipc never imports src-main/handlers or a host (electron/web/cli). It may only use pure modules from src-main/core (model, errors, …).`,
          ),
        ],
      }),
    },
  },
  {
    name: 'gloss/boundaries/handlers',
    files: [`src-main/handlers.${SOURCE}`, `src-main/handlers/**/*.${SOURCE}`],
    rules: {
      'no-restricted-imports': restrict({
        paths: [
          electronPackage(
            `${HOUSE} src-main/handlers is host-neutral and never imports electron. Ask for the capability through HostServices instead.`,
          ),
        ],
        patterns: [
          pattern(
            // handlers.ts sits in src-main/ ('./electron/…'); a future src-main/handlers/ folder would use '../electron/…'.
            `${fromSrcMainRoot(HOSTS)}|${fromSrcMainSubfolder(HOSTS)}`,
            `${HOUSE} src-main/handlers never imports a host (src-main/electron, src-main/web, src-main/cli). Hosts import the handler table, not the other way round; ask for the capability through HostServices.`,
          ),
        ],
      }),
    },
  },
  {
    name: 'gloss/boundaries/host-electron',
    files: [`src-main/electron/**/*.${SOURCE}`],
    rules: {
      'no-restricted-imports': restrict({
        patterns: [
          pattern(
            fromSrcMainSubfolder(['web', 'cli']),
            `${HOUSE} hosts never import each other: src-main/electron may not import src-main/web or src-main/cli. Move the shared piece into src-main/core or src-main/handlers.`,
          ),
        ],
      }),
    },
  },
  {
    name: 'gloss/boundaries/host-web',
    files: [`src-main/web/**/*.${SOURCE}`],
    rules: {
      'no-restricted-imports': restrict({
        paths: [
          electronPackage(
            `${HOUSE} src-main/web (browser mode) runs in plain Node and never imports electron. Move the shared piece into src-main/core or src-main/handlers.`,
          ),
        ],
        patterns: [
          pattern(
            fromSrcMainSubfolder(['electron', 'cli']),
            `${HOUSE} hosts never import each other: src-main/web may not import src-main/electron or src-main/cli. Move the shared piece into src-main/core or src-main/handlers.`,
          ),
        ],
      }),
    },
  },
  {
    name: 'gloss/boundaries/host-cli',
    files: [`src-main/cli/**/*.${SOURCE}`],
    rules: {
      'no-restricted-imports': restrict({
        paths: [
          electronPackage(
            `${HOUSE} src-main/cli runs in plain Node and never imports electron. Move the shared piece into src-main/core or src-main/handlers.`,
          ),
        ],
        patterns: [
          pattern(
            fromSrcMainSubfolder(['electron', 'web']),
            `${HOUSE} hosts never import each other: src-main/cli may not import src-main/electron or src-main/web. Move the shared piece into src-main/core or src-main/handlers.`,
          ),
        ],
      }),
    },
  },
  {
    name: 'gloss/boundaries/renderer',
    files: [`src-renderer/**/*.${SOURCE}`],
    rules: {
      'no-restricted-imports': restrict({
        paths: [
          electronPackage(
            `${HOUSE} src-renderer runs in a sandboxed browser page and never imports electron. Use the GlossBridge exposed by the preload (see src-renderer/client.ts).`,
          ),
        ],
        patterns: [
          pattern(
            NODE_BUILTIN,
            `${HOUSE} src-renderer runs in a browser page and never imports Node built-ins (node:*, fs, path, os, child_process, crypto, …). Ask the main side through the IPC contract instead.`,
          ),
          pattern(
            // Anything under src-main except src-main/ipc/contract itself (any depth of '../').
            `^(?:\\.\\./)+src-main(?!/ipc/contract${'(?:\\.[cm]?[jt]sx?)?$'})(?:/.*)?$`,
            `${HOUSE} src-renderer imports nothing from src-main except src-main/ipc/contract. If the renderer needs a type or a pure helper from core, re-export it from src-main/ipc/contract.`,
          ),
        ],
      }),
    },
  },
];

export default defineConfig(
  {
    name: 'gloss/ignores',
    ignores: ['out/', 'node_modules/', 'test-results/', 'playwright-report/', 'tests/fixtures/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Plain JavaScript run by Node (bin/gloss.js): TypeScript files get Node's globals from @types/node.
    name: 'gloss/node-scripts',
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    name: 'gloss/typescript',
    rules: {
      // `_`-prefixed names are deliberately unused (placeholders in destructuring, ignored parameters).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'gloss/react-hooks',
    files: [`src-renderer/**/*.${SOURCE}`],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...boundaries,
  prettier,
);
