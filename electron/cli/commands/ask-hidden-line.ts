/**
 * Reads one line from the terminal without echoing it, for a secret that must
 * not be an argument value. Ctrl-C while typing ends the wait with an error.
 */
export function askHiddenLine(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    const done = (error: Error | null) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error === null) resolve(typed);
      else reject(error);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(null);
        if (char === '\u0003') return done(new Error('cancelled while asking for the portal token'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}
