/**
 * Lint: a small rule set, each rule catching a bug that tsc does not (or keeping the import graph readable).
 * Type-aware rules (floating and misused promises) read tsconfig.json through the project service; plain
 * JavaScript files (bin/, scripts/*.mjs, .eleventy.js) get the rules that need no types. Formatting is
 * prettier's job (`npm run format:check`), not ESLint's.
 */
import tseslint from "typescript-eslint";

const bugs = {
  // a `${...}` inside "..." or '...' is a template literal that lost its backticks
  "no-template-curly-in-string": "error",
  // `a ?? b === c`, `!x == null`: an operator precedence slip that makes a test constant
  "no-constant-binary-expression": "error",
  "no-self-compare": "error",
  "no-self-assign": "error",
  "no-dupe-else-if": "error",
  "no-duplicate-case": "error",
  // a return or throw in finally swallows the error the build was reporting
  "no-unsafe-finally": "error",
  // `==` coerces ("0" == 0); `x == null` (null or undefined) stays allowed
  eqeqeq: ["error", "always", {null: "ignore"}],
  // a let never reassigned; one read before its assignment (a closure such as build.ts's settle) stays a let,
  // since a const there would throw in its temporal dead zone
  "prefer-const": ["error", {ignoreReadBeforeAssign: true}],
};

export default tseslint.config(
  {ignores: ["node_modules/", ".build/", "dist/", "dist.*/", ".cache/", ".tmp/", "tmp/", "bench/out/", "bench/logs/"]},
  {linterOptions: {reportUnusedDisableDirectives: "error"}},
  {
    files: ["**/*.{js,mjs,cjs}"],
    rules: {...bugs, "no-unused-vars": ["error", {argsIgnorePattern: "^_", caughtErrors: "none"}]},
  },
  {
    files: ["**/*.ts"],
    languageOptions: {parser: tseslint.parser, parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
    plugins: {"@typescript-eslint": tseslint.plugin},
    rules: {
      ...bugs,
      // a promise nobody awaits: a write that ends after the build said it was done, or a rejection nobody sees
      "@typescript-eslint/no-floating-promises": "error",
      // `if (exists(file))` without await is always true; async callbacks to emitters (on("exit", async ...)) stay allowed
      "@typescript-eslint/no-misused-promises": ["error", {checksVoidReturn: false}],
      "@typescript-eslint/no-unused-vars": ["error", {argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true}],
      // `import type` for imports used only as types: a cycle checker then tells runtime cycles from type-only ones
      "@typescript-eslint/consistent-type-imports": ["error", {disallowTypeAnnotations: false, fixStyle: "inline-type-imports"}],
    },
  },
  {
    // the build's code: messages go through the injected logger or the CLI, and types stay checked
    files: ["src/**/*.ts"],
    ignores: ["src/charts/browser/**", "src/explore/browser/**"],
    rules: {
      "no-console": "error",
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
);
