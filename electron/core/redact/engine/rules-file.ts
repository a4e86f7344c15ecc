import { CasekitError } from '../../../shared/error-codes';
import { RULES_FILE_HELP } from './rules-file-help';
import type { ExtraRule } from './types';

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const KEY = /^[A-Za-z0-9_.-]{1,128}$/;

export { RULES_FILE_HELP };

/** Parses a `--rules` file; throws INVALID_INPUT naming the file, the line and what is wrong. */
export function parseRulesFile(text: string, fileName: string): ExtraRule[] {
  const rules: ExtraRule[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fail = (why: string): never => {
      throw new CasekitError('INVALID_INPUT', `${fileName} line ${index + 1}: ${why}\n${RULES_FILE_HELP}`);
    };
    const [word = '', ...restWords] = line.split(/\s+/);
    const rest = line.slice(word.length).trim();
    switch (word) {
      case 'keyword':
        if (rest === '') fail('"keyword" needs the text to redact after it.');
        rules.push({ kind: 'keyword', value: rest });
        return;
      case 'secret-key':
        if (restWords.length !== 1 || !KEY.test(rest)) {
          fail(`"secret-key" needs one key name of letters, digits, "_", "." or "-" (got "${rest}").`);
        }
        rules.push({ kind: 'secret-key', key: rest });
        return;
      case 'secret':
      case 'pseudonym': {
        const name = restWords[0] ?? '';
        if (!NAME.test(name)) fail(`"${word}" needs a NAME of lower-case letters, digits and hyphens (got "${name}").`);
        const body = rest.slice(name.length).trim();
        const { pattern, flags } = parseRegexLiteral(body, fail);
        rules.push({ kind: word, name, pattern, flags });
        return;
      }
      default:
        fail(`unknown rule "${word}"; expected secret, pseudonym, keyword or secret-key.`);
    }
  });
  return rules;
}

function parseRegexLiteral(body: string, fail: (why: string) => never): { pattern: string; flags: string } {
  const match = /^\/(.+)\/([a-z]*)$/s.exec(body);
  if (match === null) return fail(`expected a regular expression written as /REGEX/FLAGS (got "${body}").`);
  const pattern = match[1] ?? '';
  const flags = match[2] ?? '';
  if (flags !== '' && flags !== 'i') fail(`flags may only be "i" (got "${flags}").`);
  if (pattern.length > 1000) fail('the regular expression is longer than 1000 characters.');
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, `g${flags}`);
  } catch (err) {
    return fail(`the regular expression does not compile (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (compiled.test('')) fail('the regular expression matches empty text, so it would match everywhere.');
  return { pattern, flags };
}
