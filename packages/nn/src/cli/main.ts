import { readFileSync } from 'node:fs';
import { CheckpointError, WeightnormError } from '@weightnorm/core';
import { cac } from 'cac';
import { convertCommand } from './convert-command.js';
import { EXIT } from './exit-codes.js';
import { foldCommand } from './fold-command.js';
import { inspectCommand } from './inspect-command.js';
import { UsageError } from './usage-error.js';

const EXIT_HELP = `
Exit codes:
  0  success
  1  internal error (a bug in weightnorm; please report it)
  2  usage error: unknown command or option, missing argument, bad option value
  3  a file cannot be read or written
  4  not a valid checkpoint, or nothing to fold (the message names the problem)`;

/** The exit status for an error: usage, I/O (a CheckpointError about a path), bad checkpoint, or a bug. */
function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError || (e instanceof Error && e.name === 'CACError')) return EXIT.usage;
  if (e instanceof CheckpointError) return e.argument === 'path' ? EXIT.io : EXIT.badCheckpoint;
  if (e instanceof WeightnormError) return EXIT.badCheckpoint;
  return EXIT.internal;
}

/** Runs the CLI on `argv` (without node and the script) and resolves to its exit status. */
async function run(argv: string[]): Promise<number> {
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const cli = cac('weightnorm');
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  cli.option('--progress', 'Draw a progress bar on stderr even when it is not a terminal (default: only on a terminal, for files ≥ 16 MiB)');
  cli.option('--key <key>', 'Use only the tensors under this top-level key, e.g. --key generator for HiFi-GAN g_* files');
  cli
    .command('inspect <file>', 'List tensors (dtype, shape) and the weight-normed parameters with their dim (.pt or .safetensors)')
    .option('--json', 'Print JSON instead of text')
    .example('weightnorm inspect g_02500000.pt')
    .action((file: string, o) => inspectCommand(file, o, out));
  cli
    .command('fold <in> <out>', 'Write a safetensors file with every g/v pair folded to weight = g·v/‖v‖')
    .option('--dtype <type>', 'Float type to write: keep (folded weights float32, the rest as read), f32, f16, bf16')
    .example('weightnorm fold --key generator g_02500000.pt generator-folded.safetensors')
    .action((input: string, output: string, o) => foldCommand(input, output, o, log));
  cli
    .command('convert <in> <out>', 'Write a .pt checkpoint as safetensors: same keys, same dtypes')
    .option('--dtype <type>', 'Float type to write: keep (default), f32, f16, bf16')
    .example('weightnorm convert g_02500000.pt g_02500000.safetensors')
    .action((input: string, output: string, o) => convertCommand(input, output, o, log));
  cli.help((sections) => [...sections, { body: EXIT_HELP.trimStart() }]);
  cli.version(version);
  try {
    cli.parse(['node', 'weightnorm', ...argv], { run: false });
    if (cli.options.help || cli.options.version) return EXIT.ok;
    if (!cli.matchedCommand) {
      cli.outputHelp();
      throw new UsageError(cli.args.length ? `unknown command ${JSON.stringify(cli.args[0])}` : 'no command given');
    }
    await cli.runMatchedCommand();
    return EXIT.ok;
  } catch (e) {
    const code = exitCodeOf(e);
    const message = e instanceof Error ? e.message : String(e);
    const text = code === EXIT.internal && e instanceof Error ? (e.stack ?? message) : message;
    log(text.startsWith('weightnorm') ? text : `weightnorm: ${text}`);
    return code;
  }
}

// `weightnorm inspect big.pt | head` closes stdout early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw e;
});
process.exitCode = await run(process.argv.slice(2));
