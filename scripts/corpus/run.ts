// `npm run corpus`: lints the packages of ../shared/corpus/manifest.json with the BUILT plugin's
// `all` config and prints per rule: findings, files with findings, time.
//
//   --findings         also print every finding as `package/path:line:col rule message`
//   --package NAME     only this package (repeatable)
//   --manifest FILE    another manifest
//
// Exit code 1 when our code throws, a message has no rule and is not a parse error, a file fails
// to parse with our configuration, or a tarball cannot be fetched or verified.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { prepareCorpus } from './corpus';
import { defaultCacheDir, defaultManifestPath, loadManifest, repoRoot } from './fetch';
import { JUDGED_RUN, JUDGEMENTS } from './judgements';
import { type CorpusPlugin, type CorpusReport, formatFinding, formatTable, lintPackages } from './lint';
import type { Verdict } from './select';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      findings: { type: 'boolean', default: false },
      package: { type: 'string', multiple: true, default: [] },
      manifest: { type: 'string', default: defaultManifestPath },
    },
  });

  const distEntry = path.join(repoRoot, 'dist', 'index.js');
  if (!existsSync(distEntry)) {
    console.error('dist/index.js is missing: run `npm run build` first (the corpus lints the built plugin).');
    return 1;
  }
  const plugin = createRequire(import.meta.url)(distEntry) as CorpusPlugin;

  const manifest = await loadManifest(values.manifest);
  const unknown = values.package.filter((name) => !manifest.packages.some((pkg) => pkg.name === name));
  if (unknown.length > 0) {
    console.error(`not in ${values.manifest}: ${unknown.join(', ')}`);
    return 1;
  }
  const selected = values.package.length > 0 ? manifest.packages.filter((pkg) => values.package.includes(pkg.name)) : manifest.packages;

  const started = performance.now();
  const prepared = await prepareCorpus(selected);
  const prepareSeconds = (performance.now() - started) / 1000;
  const fromNpm = prepared.filter((pkg) => pkg.tarball.source !== 'cache');
  const skipped: Partial<Record<Verdict, number>> = {};
  for (const pkg of prepared) {
    for (const [verdict, count] of Object.entries(pkg.skipped)) skipped[verdict as Verdict] = (skipped[verdict as Verdict] ?? 0) + count;
  }

  const report = lintPackages(prepared, plugin);

  if (values.findings) {
    for (const finding of report.findings) console.log(formatFinding(finding));
    console.log();
  }
  console.log(
    `${report.packages} packages (${fromNpm.length} fetched with npm pack, ${report.packages - fromNpm.length} from ${defaultCacheDir}) ` +
      `in ${prepareSeconds.toFixed(1)}s; ${report.files} files linted with ${plugin.meta.namespace}/all in ${(report.totalMs / 1000).toFixed(1)}s ` +
      `(parsing ${(report.parseMs / 1000).toFixed(1)}s).`,
  );
  console.log(`Left out: ${Object.entries(skipped).map(([verdict, count]) => `${count} ${verdict}`).join(', ') || 'nothing'}.`);
  for (const pkg of fromNpm) {
    if (pkg.tarball.source !== 'npm') console.log(`${pkg.pkg.name}@${pkg.pkg.version}: ${pkg.tarball.source}, fetched again.`);
  }
  const unpinned = prepared.filter((pkg) => !pkg.pkg.integrity);
  if (unpinned.length > 0) {
    console.log(`No integrity in the manifest (checked against the hash of the first fetch): ${unpinned.map((pkg) => `${pkg.pkg.name}@${pkg.pkg.version} ${pkg.tarball.integrity}`).join(', ')}`);
  }
  if (report.ignoredInlineConfig > 0) console.log(`${report.ignoredInlineConfig} eslint comments in the packages ignored (noInlineConfig).`);
  console.log();
  console.log(formatTable(report));

  let code = 0;
  if (report.failures.length > 0) {
    console.error(`\n${report.failures.length} failure(s):`);
    for (const failure of report.failures) console.error(`${failure.file}: ${failure.kind}: ${failure.message}`);
    code = 1;
  }
  // Only the full run is what docs/precision.md judges.
  const fullRun = values.package.length === 0 && values.manifest === defaultManifestPath;
  if (fullRun && !checkJudgements(report)) code = 1;
  return code;
}

/**
 * Compares the findings with scripts/corpus/judgements.ts: every finding must be judged, and
 * every judged finding must still be found, or the published precision is not this run's.
 */
function checkJudgements(report: CorpusReport): boolean {
  const found = new Set(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule}`));
  const judged = new Set(JUDGEMENTS.map((judgement) => judgement.finding));
  const unjudged = [...found].filter((finding) => !judged.has(finding));
  const gone = [...judged].filter((finding) => !found.has(finding));
  const sameCorpus = report.packages === JUDGED_RUN.packages && report.files === JUDGED_RUN.files;
  if (unjudged.length === 0 && gone.length === 0 && sameCorpus) {
    console.log(`\nAll ${found.size} findings are judged in scripts/corpus/judgements.ts.`);
    return true;
  }
  console.error('\nThe judgements in scripts/corpus/judgements.ts (the source of docs/precision.md) are out of date:');
  if (!sameCorpus) console.error(`- they judge ${JUDGED_RUN.packages} packages and ${JUDGED_RUN.files} files; this run linted ${report.packages} and ${report.files}`);
  for (const finding of unjudged) console.error(`- not judged: ${finding}`);
  for (const finding of gone) console.error(`- judged but no longer found: ${finding}`);
  console.error('Read each new finding, add its verdict, and run `npm run update:docs`.');
  return false;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
