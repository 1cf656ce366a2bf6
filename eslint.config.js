// ESLint flat config: typescript-eslint's recommended rules everywhere (syntax only, no type
// information, so it runs in seconds), plus react-hooks and jsx-a11y for the web app.
// Run: `npm run lint` (also the first step of `npm test`). Every rule turned off says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/*.geste/**', 'apps/web/public/**', 'packages/vision/models/**', '**/coverage/**', '**/*.min.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are errors, except the `_name` convention for a parameter a signature requires.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' }],
      // `any` appears only at untyped boundaries (page.evaluate in Playwright scripts, JSON from tests); strict TS already forbids implicit any.
      '@typescript-eslint/no-explicit-any': 'off',
      // The code uses `!` after checks the compiler cannot follow (indexed access under noUncheckedIndexedAccess).
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      // CommonJS files are CommonJS: require() is how they load modules.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // React Compiler diagnostics (new in react-hooks v7). The app is not built with React Compiler;
      // reading the clock for display in render, setState in effects that follow browser APIs (camera,
      // visibility) and refs read in render for the live overlay are deliberate here.
      'react-hooks/purity': 'off',
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      // `role` on our own components (`<ConnectForm role="patient">`) is a prop, not an ARIA role.
      'jsx-a11y/aria-role': ['error', { ignoreNonDOM: true }],
    },
  },
  {
    // Screens whose effects run once per screen on purpose (start a session, a camera, a timer) and
    // read the latest values through refs or closures. Listed file by file so that new screens are
    // checked; a change to one of these effects should remove its file from this list.
    files: ['apps/web/src/app/App.tsx', 'apps/web/src/exercises/SessionView.tsx', 'apps/web/src/screens/Exam.tsx', 'apps/web/src/screens/Train.tsx'],
    rules: { 'react-hooks/exhaustive-deps': 'off' },
  },
  {
    // packages/core stays pure (no Node, no DOM, no clock): its tsconfig has no Node or DOM types, and
    // this catches the same in plain words.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', 'window', 'document', 'navigator', 'performance', 'localStorage'],
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'packages/core is pure: no Node APIs.' }] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'packages/core has no clock: time comes in as timestampMs.' }],
    },
  },
  {
    // The service worker template: the build replaces these two names with the version and file list.
    files: ['apps/web/src/sw/sw-template.js'],
    languageOptions: { globals: { __GESTE_VERSION__: 'readonly', __GESTE_FILES__: 'readonly' } },
  },
);
