import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CasekitError } from '../../../shared/error-codes';

/** The real path of `p`, or of its nearest existing folder joined with the rest, for paths not created yet. */
export async function realish(p: string): Promise<string> {
  const absolute = path.resolve(p);
  const rest: string[] = [];
  let at = absolute;
  for (;;) {
    try {
      return path.join(await fs.realpath(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return absolute;
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

const within = (root: string, candidate: string): boolean => {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

export interface RunPaths {
  input: string;
  inputIsFile: boolean;
  output: string;
  mapFile: string;
  reportFile: string | null;
}

const invalid = (message: string) => new CasekitError('INVALID_INPUT', message);

/**
 * Resolves the paths of a run and refuses the combinations that would
 * overwrite the input, redact our own output again, or put the private map
 * where it could be shipped.
 */
export async function checkRunPaths(paths: {
  input: string;
  output: string;
  mapFile: string;
  reportFile?: string;
}): Promise<RunPaths> {
  let stat;
  try {
    stat = await fs.stat(paths.input);
  } catch {
    throw invalid(`${paths.input} does not exist; give a file or folder to redact.`);
  }
  if (!stat.isFile() && !stat.isDirectory()) throw invalid(`${paths.input} is neither a file nor a folder.`);
  const input = await fs.realpath(paths.input);
  const output = await realish(paths.output);
  const mapFile = await realish(paths.mapFile);
  const reportFile = paths.reportFile === undefined ? null : await realish(paths.reportFile);
  const inputIsFile = stat.isFile();
  if (inputIsFile ? output === path.dirname(input) : within(input, output)) {
    throw invalid(
      `the output folder ${output} is ${inputIsFile ? 'the folder of the input file' : 'inside the input folder (or is it)'}; the redacted copy would ${inputIsFile ? 'overwrite the original' : 'be read as input'}. Choose an output folder outside ${inputIsFile ? path.dirname(input) : input}.`,
    );
  }
  if (!inputIsFile && within(output, input)) {
    throw invalid(
      `the input folder ${input} is inside the output folder ${output}; choose an output folder outside it.`,
    );
  }
  if (within(output, mapFile)) {
    throw invalid(
      `the map file ${mapFile} is inside the output folder; the map holds the original values and must never be shipped. Keep it elsewhere (the default is Casekit's data folder).`,
    );
  }
  if (inputIsFile ? mapFile === input : within(input, mapFile)) {
    throw invalid(`the map file ${mapFile} is inside the input; it would be redacted as input. Keep it elsewhere.`);
  }
  if (reportFile !== null && (inputIsFile ? reportFile === input : within(input, reportFile))) {
    throw invalid(`the report file ${reportFile} is inside the input; write it elsewhere.`);
  }
  return { input, inputIsFile, output, mapFile, reportFile };
}
