// Entry of the Chromium test page (bundled by esbuild, served by test/chromium.test.ts): runs the
// suite with navigator.gpu and fixtures fetched from the local server, and leaves the report on
// window for the test to collect.
import { FIXTURE_GROUPS, type FixtureGroup } from './fixture-groups.js';
import { runSuite, type FixtureSource } from './run-suite.js';

declare global {
  interface Window {
    __suite?: Promise<unknown>;
  }
}

async function main(): Promise<unknown> {
  const index = (await (await fetch('/fixtures/index.json')).json()) as Record<FixtureGroup, string[]>;
  const sources = (group: FixtureGroup): FixtureSource[] =>
    (index[group] ?? []).map((name) => ({
      name,
      load: async () => {
        const res = await fetch(`/fixtures/${group}/${name}.safetensors`);
        if (!res.ok) throw new Error(`fetching fixture ${group}/${name}: HTTP ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      },
    }));
  return runSuite({}, Object.fromEntries(FIXTURE_GROUPS.map((g) => [g, sources(g)])) as Record<FixtureGroup, FixtureSource[]>);
}

window.__suite = main().catch((e: unknown) => ({ fatal: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
