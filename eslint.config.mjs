import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**", ".next*/**", "out/**", "cache/**", ".data*/**", "test-results*/**",
      "playwright-report*/**", "next-env.d.ts", "db/migrations/**", ".sim-out*/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "warn",
      "no-console": "off",
    },
  },
  {
    // Playwright fixtures call their callback `use`, which is not a React hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["sim/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/*", "../app/*", "../server/*", "../lib/*", "../../server/*", "../../lib/*"] }],
    },
  },
);
