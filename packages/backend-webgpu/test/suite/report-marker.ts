/** Prefix of the line that carries a suite report over a child's stdout. */
export const REPORT_MARKER = '@@weightnorm-webgpu-report@@';
