import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** A relative import of one of our src/ modules or folders (`../store/x.js`, `../../ingest/y.js`, `./context.js`). */
const ours = (names) => `^(\\.\\.?/)+(${names.join('|')})(/|\\.js$)`;
const DRIVER = { regex: '^neo4j-driver(/|$)', message: 'Only src/db imports neo4j-driver: go through src/db (Database, mapping).' };
const why = 'dependencies point down (docs/architecture.md, Layers)';

/**
 * The layers, checked: for each folder, what it may not import. Lowest first: errors/config → graph → db →
 * store → ingest → auth, resolvers → server → cli, index. The file sets are disjoint, so no zone overrides another.
 */
const zones = [
  {
    files: ['src/errors.ts', 'src/config.ts', 'src/logger.ts', 'src/project-root.ts'],
    patterns: [{ regex: '^\\.', message: `The base modules import nothing of ours: ${why}.` }],
  },
  { files: ['src/graph/**'], patterns: [{ regex: '^\\.\\./(?!errors\\.js$)', message: `src/graph imports nothing of ours but src/errors: ${why}.` }] },
  { files: ['src/db/**'], deny: ['store', 'resolvers', 'ingest', 'server', 'auth', 'cli', 'context', 'generated'], driver: true },
  { files: ['src/rules/**'], deny: ['db', 'store', 'ingest', 'resolvers', 'server', 'auth', 'cli', 'context', 'generated'] },
  { files: ['src/store/**'], deny: ['ingest', 'server', 'resolvers', 'auth', 'cli', 'context', 'generated'] },
  { files: ['src/ingest/**'], deny: ['resolvers', 'server', 'auth', 'cli', 'context', 'generated'] },
  { files: ['src/auth/**'], deny: ['db', 'store', 'ingest', 'resolvers', 'server', 'cli'] },
  {
    files: ['src/resolvers/**'],
    deny: ['server', 'cli'],
    patterns: [
      { regex: ours(['db']), allowTypeImports: true, message: `Resolvers reach the database through src/store; they may name its types only: ${why}.` },
      {
        regex: '^(\\.\\./)+ingest/(?!importers/index\\.js$)',
        message: `Resolvers use ingest only through the import pipeline's entry (ingest/importers/index.js): ${why}.`,
      },
    ],
  },
  { files: ['src/server/**'], deny: ['store', 'ingest', 'cli'] },
  { files: ['src/cli/**'], deny: ['server', 'resolvers', 'auth'] },
  { files: ['src/context.ts'], deny: ['server', 'cli', 'ingest', 'store'] },
  { files: ['src/index.ts', 'src/tracing.ts'], deny: ['cli'] },
].map(({ files, deny = [], patterns = [], driver = false }) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(deny.length ? [{ regex: ours(deny), message: `${files[0].replace('/**', '')} may not import src/{${deny.join(',')}}: ${why}.` }] : []),
          ...patterns,
          ...(driver ? [] : [DRIVER]),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'src/generated/',
      'clients/typescript/src/generated/',
      'web/explorer/generated/',
      'clients/typescript/dist/',
      'public/',
      '.data/',
      '.cache/',
      'bench/results/',
      'coverage/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...zones,
  prettier,
);
