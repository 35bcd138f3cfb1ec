/** The folders of torch fixtures the suite runs, under @weightnorm/nn's test/fixtures. */
export const FIXTURE_GROUPS = ['parity', 'grad', 'train'] as const;
export type FixtureGroup = (typeof FIXTURE_GROUPS)[number];
