import type { Command } from 'commander';
import { parsePort } from '../parse-options';
import type { ServeFlags } from './serve-action';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the desktop UI to a browser on 127.0.0.1 only; every request needs the printed token')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', parsePort)
    .option('--no-open', 'print the address without opening a browser')
    .action(async (flags: ServeFlags) => (await import('./serve-action')).serveAction(flags));
}
