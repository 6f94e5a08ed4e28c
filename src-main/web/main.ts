// `npm run web`: Gloss in your browser, served on 127.0.0.1 from the built renderer.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GlossError } from '../core/errors';
import { Library } from '../core/library';
import { defaultDataDir } from '../core/paths';
import { startWebServer } from './server';

const DEFAULT_PORT = 4719;

const USAGE = `Usage: npm run web -- [--data <dir>] [--port <n>]

Serves Gloss on http://127.0.0.1 and prints the address to open in your browser.

  --data <dir>   data folder (default: the desktop app's, ${defaultDataDir()})
  --port <n>     port to listen on (default ${DEFAULT_PORT}; 0 picks any free port)
  --help         show this help
`;

function fail(message: string): never {
  process.stderr.write(`gloss: ${message}\n`);
  process.exit(1);
}

function parseOptions(argv: string[]): { dataDir: string; port: number } {
  let values: { data?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  return { dataDir: resolve(values.data ?? defaultDataDir()), port };
}

async function main(): Promise<void> {
  const { dataDir, port } = parseOptions(process.argv.slice(2));
  const rendererDir = resolve(import.meta.dirname, '..', '..', 'out', 'renderer');
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    fail(`the renderer is not built (${rendererDir}/index.html is missing): run npm run build:renderer first`);
  }

  let lib: Library;
  try {
    lib = await Library.open(dataDir, { holder: 'browser mode', indexInBackground: true });
  } catch (err) {
    if (err instanceof GlossError) fail(err.message);
    throw err;
  }

  let server: Awaited<ReturnType<typeof startWebServer>>;
  try {
    server = await startWebServer({ lib, rendererDir, port, host: '127.0.0.1' });
  } catch (err) {
    await lib.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${port} is already in use: stop the other program or choose another with --port <n> (0 = any free port)`);
    if (code === 'EACCES') fail(`not allowed to listen on port ${port}: choose another with --port <n>`);
    throw err;
  }

  process.stdout.write(`Gloss browser mode is running.\nOpen: ${server.url}\nData folder: ${dataDir}\nPress Ctrl+C to stop.\n`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      await server.close();
    } finally {
      // Closing the library releases the data folder's lock for the desktop app and the CLI.
      await lib.close();
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`gloss: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
