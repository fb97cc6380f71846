// Lint rules that hold the architecture in place (see STYLE.md):
//  - shared/ is pure TypeScript: no Node, DOM, React, Electron, SQLite or pdf.js;
//  - the renderer never reaches Node, Electron or the database directly;
//  - services, the web bridge and the command line never import `electron`, so they run in plain Node;
//  - the command line reaches the services only through the one dispatcher (api-service), like IPC
//    and the web bridge: no store, no service function, no second way in.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'v8', 'vm',
  'worker_threads', 'zlib',
];

export const sharedPurity = {
  files: ['shared/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [...NODE_BUILTINS, 'electron', 'react', 'react-dom', 'better-sqlite3', 'pdfjs-dist'].map((name) => ({
          name,
          message: 'shared/ is pure TypeScript: it runs in Node, the browser and tests alike.',
        })),
        patterns: [
          { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node built-ins.' },
          { group: ['pdfjs-dist/*', 'react-dom/*', 'react/*'], message: 'shared/ is pure TypeScript.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on the app parts that use it.' },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map(
        (name) => ({ name, message: 'shared/ is pure TypeScript: no DOM or Node globals.' }),
      ),
    ],
  },
};

const NO_ELECTRON = {
  name: 'electron',
  message: 'Services run in plain Node too (CLI, web bridge, tests); only electron/main.ts, electron/shell and the preload touch Electron.',
};

/**
 * The command line is a transport like IPC and the web bridge: it creates the service with
 * createApiService and calls the contract through dispatch, so every request is validated by the
 * same zod schemas, run by the same handlers and fails with the same error codes. The only other
 * service module it may import is event-hub (a dozen lines of publish/subscribe that `realist
 * serve` hands to the web bridge).
 */
export const cliThroughContract = {
  files: ['electron/cli/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [NO_ELECTRON],
        patterns: [
          {
            group: ['**/services/**', '!**/services/api-service', '!**/services/api-service.js', '!**/services/event-hub', '!**/services/event-hub.js'],
            message: 'The command line reaches the services only through createApiService and dispatch (electron/services/api-service.ts): add a call to the contract instead.',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'build/native/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  sharedPurity,
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', ...NODE_BUILTINS].map((name) => ({ name, message: 'The renderer reaches the services only through the API (renderer/src/api.ts).' })),
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandbox: no Node built-ins.' },
            { group: ['**/electron/**'], message: 'The renderer reaches the services only through the API.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/bridge/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }],
    },
  },
  cliThroughContract,
);
