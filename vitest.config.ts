import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // End-to-end tests start servers and child processes; two workers match the 2-core machines.
    maxWorkers: 2,
  },
});
