import { execFileSync } from "node:child_process";

/** End-to-end tests run the bot as `npm start` does, from the compiled output: build it once. */
export default function setup(): void {
  execFileSync("node_modules/.bin/tsc", ["-p", "tsconfig.build.json"], { stdio: "inherit" });
}
