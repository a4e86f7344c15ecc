import { formatByteSize } from '../../shared/byte-size';
import type { RedactionSummary } from './redaction-summary';
import type { SourceTree } from './source-files';
import { hostsOf } from './source-files';

export interface SummaryFacts {
  caseNumber: string;
  bundle: string;
  created: Date;
  appVersion: string;
  tree: SourceTree;
  redaction: RedactionSummary | null;
}

const cell = (text: string): string => text.replaceAll('|', '\\|');

/**
 * CASE-SUMMARY.md when the user wrote none: only facts Casekit knows (case,
 * hosts, what the bundle holds, the redaction), no guess about the problem.
 * Written before the files, so it says nothing their checksums would need.
 */
export function defaultCaseSummary(facts: SummaryFacts): string {
  const { tree, redaction } = facts;
  const hosts = hostsOf(tree);
  const count = (kind: string) => tree.files.filter((file) => file.kind === kind).length;
  const lines = [
    `# Case ${facts.caseNumber}`,
    '',
    `Bundle \`${facts.bundle}\`, made by Casekit ${facts.appVersion} on ${facts.created.toISOString()}.`,
    '',
    `It holds ${tree.files.length} file(s), ${formatByteSize(tree.bytes)} before compression: ${count('text')} text, ${count('archive')} archive(s) or compressed file(s), ${count('binary')} binary file(s) shipped as they are with the user's consent. \`MANIFEST.json\` lists each with its size and SHA-256.`,
    '',
    '## Hosts',
    '',
  ];
  if (hosts.length === 0) lines.push('No host folders: the files are at the top of the bundle.');
  else {
    lines.push('| host | files | size |', '| --- | ---: | ---: |');
    for (const host of hosts) {
      const files = tree.files.filter((file) => file.rel.startsWith(`${host}/`));
      const bytes = files.reduce((sum, file) => sum + file.size, 0);
      lines.push(`| ${cell(host)} | ${files.length} | ${formatByteSize(bytes)} |`);
    }
  }
  lines.push('', '## Redaction', '');
  if (redaction === null) lines.push('No redaction report was included.');
  else {
    lines.push(
      `\`${redaction.report}\`: ${redaction.replacements} replacement(s) in ${redaction.written} of ${redaction.files} file(s); ${redaction.leftOut} file(s) or member(s) left out, ${redaction.failed} failed.`,
    );
  }
  lines.push(
    '',
    "Every text file, archive member and file name passed Casekit's leak check (secrets, and every original value of the redaction's map) before this bundle was written.",
    '',
  );
  return lines.join('\n');
}
