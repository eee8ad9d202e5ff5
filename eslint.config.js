// One ESLint configuration for the whole repository. The rules encode the layering habits:
// packages are libraries (no console, no process.env, no reaching into another package's
// files), apps are the composition roots that read the environment and print.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const deepImports = {
  patterns: [
    {
      group: ['@cuckoo-tc/*/*'],
      message: 'Import a workspace package through its entry point only (@cuckoo-tc/<name>).',
    },
    {
      group: [
        '**/packages/*/src/**',
        '**/apps/*/src/**',
        '**/packages/*/dist/**',
        '**/apps/*/dist/**',
      ],
      message: 'Do not reach into another workspace by relative path; import its package name.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      'coverage/**',
      '**/__fixtures__/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        fetch: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
    rules: {
      curly: 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-imports': ['error', deepImports],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/**/*.ts'],
    ignores: ['packages/testing/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Configuration belongs to @cuckoo-tc/config and is passed in.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
