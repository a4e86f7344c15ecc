import { formatByteSize } from '../../shared/byte-size';
import { SUMS_FILE } from '../ship/ship-files';
import { checksumFileName, type BundleFormat } from './bundle-names';

/** One line as `sha256sum` writes it (text mode: two spaces), so `sha256sum -c` reads it. */
export const sumLine = (sha256: string, name: string): string => `${sha256}  ${name}\n`;

export function sumsText(files: readonly { name: string; sha256: string }[]): string {
  return files.map((file) => sumLine(file.sha256, file.name)).join('');
}

export interface ReadmeFacts {
  caseNumber: string;
  bundle: string;
  format: BundleFormat;
  bundleSize: number;
  bundleSha256: string;
  parts: readonly { name: string; size: number; sha256: string }[];
  partSize: number;
  appVersion: string;
  created: Date;
}

const unpackCommands = (bundle: string, format: BundleFormat): string[] =>
  format === 'zip'
    ? [
        `   Linux and macOS:     unzip ${bundle}`,
        `   Windows PowerShell:  Expand-Archive -LiteralPath '${bundle}' -DestinationPath .`,
      ]
    : [
        `   Linux and macOS:     tar xzf ${bundle}`,
        `   Windows PowerShell:  tar -xzf '${bundle}'      (tar ships with Windows 10 and later)`,
      ];

/** README.txt of a bundle folder: what is there, and the exact commands to check, reassemble and unpack it. */
export function readmeText(facts: ReadmeFacts): string {
  const { bundle, parts } = facts;
  const split = parts.length > 1 || parts[0]?.name !== bundle;
  const sumsCheck = [
    `   Linux:               sha256sum -c ${SUMS_FILE}`,
    `   macOS:               shasum -a 256 -c ${SUMS_FILE}`,
    `   Windows PowerShell:  Get-Content ${SUMS_FILE} | ForEach-Object { $h, $n = $_ -split '  ', 2; if ((Get-FileHash -Algorithm SHA256 -LiteralPath $n).Hash -eq $h) { "$n OK" } else { "$n FAILED" } }`,
  ];
  const bundleCheck = [
    `   Linux:               sha256sum -c ${checksumFileName(bundle)}`,
    `   macOS:               shasum -a 256 -c ${checksumFileName(bundle)}`,
    `   Windows PowerShell:  (Get-FileHash -Algorithm SHA256 -LiteralPath '${bundle}').Hash -eq '${facts.bundleSha256}'   (prints True)`,
  ];
  const lines = [
    `Casekit bundle for support case ${facts.caseNumber}`,
    '',
    `${bundle} (${facts.bundleSize} bytes, ${formatByteSize(facts.bundleSize)}) was made by Casekit ${facts.appVersion} on ${facts.created.toISOString()}.`,
    `Its SHA-256 is ${facts.bundleSha256} (also in ${checksumFileName(bundle)}).`,
    `It holds MANIFEST.json (every file with its size and SHA-256), CASE-SUMMARY.md, and the redacted files.`,
    '',
  ];
  if (split) {
    lines.push(
      `It was cut into ${parts.length} part(s) of at most ${facts.partSize} bytes: ${parts[0]?.name ?? ''} to ${parts.at(-1)?.name ?? ''}.`,
      '',
      `1. Check that every file arrived intact (in this folder):`,
      ...sumsCheck,
      '',
      `2. Put the parts back together, in order:`,
      `   Linux and macOS:     cat ${bundle}.part* > ${bundle}`,
      `   Windows PowerShell:  $out = [IO.File]::Create("$PWD\\${bundle}"); Get-ChildItem -Filter '${bundle}.part*' | Sort-Object Name | ForEach-Object { $in = [IO.File]::OpenRead($_.FullName); $in.CopyTo($out); $in.Close() }; $out.Close()`,
      '',
      `3. Check the reassembled bundle:`,
      ...bundleCheck,
      '',
      `4. Unpack it:`,
      ...unpackCommands(bundle, facts.format),
    );
  } else {
    lines.push(
      `It fits in one file, so there are no parts to put together.`,
      '',
      `1. Check that every file arrived intact (in this folder):`,
      ...sumsCheck,
      '',
      `2. Check the bundle on its own:`,
      ...bundleCheck,
      '',
      `3. Unpack it:`,
      ...unpackCommands(bundle, facts.format),
    );
  }
  lines.push('', `"casekit verify <this folder>" runs the same checks.`, '');
  return lines.join('\n');
}
