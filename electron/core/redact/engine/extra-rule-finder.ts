import { marker, PRIO_PII, Span, SpanKind, type Finder, type ScanWindow } from './span';
import type { ExtraRule } from './types';

/** Finders for the `secret` and `pseudonym` lines of a rules file; with a capture group only group 1 is replaced. */
export function makeExtraRuleFinders(rules: ExtraRule[]): Finder[] {
  const finders: Finder[] = [];
  for (const rule of rules) {
    if (rule.kind !== 'secret' && rule.kind !== 'pseudonym') continue;
    const pattern = new RegExp(rule.pattern, `gd${rule.flags}`);
    const { kind, name } = rule;
    finders.push((w: ScanWindow, out: Span[]) => {
      const { text } = w;
      pattern.lastIndex = w.from;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        if (m[0] === '') {
          pattern.lastIndex++;
          continue;
        }
        const [start, end] = m.indices?.[1] ?? [m.index, m.index + m[0].length];
        if (start >= end || start < w.from) continue;
        if (kind === 'secret') out.push(marker(start, end, name));
        else out.push(new Span(start, end, name, PRIO_PII, SpanKind.Custom));
      }
    });
  }
  return finders;
}
