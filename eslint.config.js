// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
        // One line is exempt, with its reason beside it: the mapping engine's generated
        // code (src/mapping/codegen/generateFieldsRunner.ts; the security argument is in
        // src/mapping/README.md, "Generated code"). Everywhere else the rule holds.
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'new Function is forbidden: manifests are untrusted.',
        },
      ],
    },
  },
  // The layer rules (what the core, the sync and each adapter may import, no cycles) are
  // dependency-cruiser's: .dependency-cruiser.cjs, run by `npm run lint`.
);
