// Bundles the widget and the agent console into the web tier's wwwroot, holding the widget to its size budget;
// with --tests, compiles the unit tests for `node --test` instead.
import { build } from "esbuild";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";

const budgetBytes = 60 * 1024;

if (process.argv.includes("--tests")) {
  rmSync("test-dist", { recursive: true, force: true });
  await build({
    entryPoints: ["test", "client/test"].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith(".test.ts")).map((f) => `${dir}/${f}`)),
    outdir: "test-dist",
    outbase: ".",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
} else {
  const outfile = "../OrleansChat.Web/wwwroot/widget.js";
  const bundle = (entry, file) => build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    legalComments: "none",
    // The client package from its sources, as the widget's own files (its dist/ is for npm).
    conditions: ["source"],
    logLevel: "warning",
  });
  // The agent console is our own page, not embedded in anyone's: the budget is the widget's.
  await bundle("src/agent/index.ts", "../OrleansChat.Web/wwwroot/agent/agent.js");
  await bundle("src/index.ts", outfile);
  const gzipped = gzipSync(readFileSync(outfile), { level: 9 }).length;
  const summary = `widget.js: ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${budgetBytes / 1024} KB)`;
  if (gzipped > budgetBytes) {
    rmSync(outfile);
    console.error(`${summary}: over budget, bundle removed`);
    process.exit(1);
  }
  console.log(summary);
}
