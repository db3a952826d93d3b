// ESLint flat config: type-aware promise rules everywhere, plus resile's boundary rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Flags `await` (and `for await`) outside any function: ESM-only needs require(esm) to work. */
const noTopLevelAwait = {
  meta: { type: 'problem', messages: { tla: 'No top-level await in src/: it breaks require(esm) for CommonJS users.' } },
  create(context) {
    const check = (node) => {
      if (context.sourceCode.getScope(node).variableScope.type === 'module') context.report({ node, messageId: 'tla' });
    };
    return { AwaitExpression: check, 'ForOfStatement[await=true]': check };
  },
};

const AMBIENT_GLOBALS = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'performance', 'queueMicrotask'].map(
  (name) => ({ name, message: 'Use the injected Clock (src/core/clock.ts is the only file that touches timers and time).' }),
);
const AMBIENT_PROPERTIES = [
  { object: 'Date', property: 'now', message: 'Use clock.now().' },
  { object: 'Math', property: 'random', message: 'Use an injected Random.' },
  { object: 'performance', property: 'now', message: 'Use clock.now().' },
  { object: 'AbortSignal', property: 'any', message: 'Link signals with linkSignal()/CancelScope: AbortSignal.any retains listeners on long-lived parents.' },
  { object: 'AbortSignal', property: 'timeout', message: 'Use the injected Clock.' },
  { object: 'globalThis', property: 'setTimeout', message: 'Use the injected Clock.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'report/**', '.tmp/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'test/fixtures/*.cjs', 'bench/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { resile: { rules: { 'no-top-level-await': noTopLevelAwait } } },
    rules: {
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      '@typescript-eslint/unified-signatures': 'off',
      // resile propagates whatever user code threw, so rejections carry `unknown` on purpose.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'resile/no-top-level-await': 'error',
      'no-restricted-globals': ['error', ...AMBIENT_GLOBALS, { name: 'process', message: 'Only adapters may use Node globals.' }, { name: 'Buffer', message: 'Only adapters may use Node globals.' }],
      'no-restricted-properties': ['error', ...AMBIENT_PROPERTIES],
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\.)', message: 'Only src/adapters may import packages or node: modules; the core has zero dependencies.' }] }],
    },
  },
  {
    files: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/core/clock.ts', 'src/core/random.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/core/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: 'src/core imports nothing outside src/core.' }] }],
    },
  },
  {
    files: ['src/core/*/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./|\\.\\./(?!\\.\\.))', message: 'src/core imports nothing outside src/core.' }] }],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': ['error', ...AMBIENT_GLOBALS] },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**', 'scripts/**', '*.js', '*.mjs', 'test/fixtures/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // Tests throw non-Error values on purpose to prove they are handled.
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'scripts/**', 'bench/**', 'test/**', 'examples/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
