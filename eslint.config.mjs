// Lint: ESLint's and typescript-eslint's recommended rules, type-aware, above all
// the ones that catch real bugs in async code: a promise nobody awaits or catches
// (no-floating-promises), a promise handed to something that expects a plain
// callback (no-misused-promises), awaiting what is not a promise. Formatting is
// prettier's job (`npm run format`); eslint-config-prettier turns off the rules
// that would argue with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'certs/', 'logs/', 'bench/results/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.public.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // reading JSON, page.evaluate results and WebRTC stats yields `any` on purpose; the shapes are checked where they matter
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // objects of functions (not classes) are passed around by method; none of them uses `this`
      '@typescript-eslint/unbound-method': 'off',
      // an async implementation of an async interface (the in-memory store beside the Redis one) need not await
      '@typescript-eslint/require-await': 'off',
      // style rather than bugs: left to review
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      // control characters in a regular expression are how names and logs are cleaned of them
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
