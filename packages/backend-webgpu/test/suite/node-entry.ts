// Entry of the Node child process (bundled by esbuild, run by test/node.test.ts): runs the suite
// and prints the report as one marked JSON line, so a crash of lavapipe cannot be mistaken for one.
import { readFile, readdir } from 'node:fs/promises';
import type { WebgpuBackendOptions } from '../../src/index.js';
import { FIXTURE_GROUPS, type FixtureGroup } from './fixture-groups.js';
import { runSuite, type FixtureSource } from './run-suite.js';
import { REPORT_MARKER } from './report-marker.js';

const [fixtureRoot, options] = process.argv.slice(2) as [string, string];

async function sources(group: FixtureGroup): Promise<FixtureSource[]> {
  const dir = `${fixtureRoot}/${group}`;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.safetensors')).sort();
  return files.map((f) => ({ name: f.replace('.safetensors', ''), load: async () => new Uint8Array(await readFile(`${dir}/${f}`)) }));
}

const fixtures = Object.fromEntries(await Promise.all(FIXTURE_GROUPS.map(async (g) => [g, await sources(g)] as const))) as Record<FixtureGroup, FixtureSource[]>;
const report = await runSuite(JSON.parse(options) as WebgpuBackendOptions, fixtures);
process.stdout.write(`${REPORT_MARKER}${JSON.stringify(report)}\n`);
