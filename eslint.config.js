// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Adapters and the orchestrator; the pure core must never import them. */
const adapterFolders = [
  'db',
  'git',
  'github',
  'http',
  'scheduler',
  'sync',
  'cli',
  'registry',
  'connections',
  'workspaces',
  'web',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.regsync/**', 'coverage/**', 'src/web/static/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='eval']",
          message: 'eval is forbidden: manifests are untrusted.',
        },
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'new Function is forbidden: manifests are untrusted.',
        },
      ],
    },
  },
  {
    // The pure core (manifest model and mapping compiler) does no I/O and depends on no adapter.
    files: ['src/manifest/**/*.ts', 'src/mapping/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: adapterFolders.map((f) => `**/${f}/**`),
              message: 'The pure core must not import adapters (see docs/architecture.md).',
            },
            {
              group: [
                'node:fs',
                'node:fs/*',
                'node:net',
                'node:http',
                'node:https',
                'node:child_process',
                'node:vm',
                'fs',
                'child_process',
                'vm',
                'simple-git',
                'express',
                '@mikro-orm/*',
                'octokit',
                'pg',
              ],
              message: 'The pure core does no I/O and never evaluates code.',
            },
          ],
        },
      ],
    },
  },
);
