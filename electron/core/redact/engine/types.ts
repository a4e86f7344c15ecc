// Plain data shared by the engine's parts and by whoever runs it in workers:
// everything here survives structured cloning and JSON.

/** What a pseudonym stands for; each kind has its own table in the map. */
export const PSEUDONYM_KINDS = [
  'email',
  'domain',
  'host',
  'user',
  'device',
  'keyword',
  'custom',
  'ipv4',
  'ipv6',
  'mac',
] as const;
export type PseudonymKind = (typeof PSEUDONYM_KINDS)[number];

/**
 * original (normalized) -> pseudonym, one table per kind. `custom` holds the
 * pseudonyms of `--rules` pseudonym rules, keyed `<rule>:<value>`.
 */
export type MapEntries = Record<PseudonymKind, Record<string, string>>;

/** What pass 1 learned about the installation: lower-case, sorted, unique. */
export interface Vocabulary {
  /** Customer domains as registrable roots (`example.com`, `example.co.uk`). */
  domains: string[];
  /** Host names: fully qualified (`mbx01.example.com`) and short (`mbx01`). */
  hosts: string[];
  users: string[];
  /** ActiveSync device IDs. */
  devices: string[];
}

/** One line of a `--rules` file, parsed. */
export type ExtraRule =
  | { kind: 'secret'; name: string; pattern: string; flags: string }
  | { kind: 'pseudonym'; name: string; pattern: string; flags: string }
  | { kind: 'keyword'; value: string }
  | { kind: 'secret-key'; key: string };

export interface RedactConfig {
  /** Extra literals (`casekit redact --keyword`), redacted case-insensitively wherever they occur. */
  keywords: string[];
  /** Parsed from `--rules FILE` by `parseRulesFile`. */
  extraRules: ExtraRule[];
}

/** Printable secrets or personal data found in a binary that was included as it is. */
export interface BinaryFinding {
  file: string;
  rule: string;
  count: number;
  /** Byte offset of the first one, so it can be found again; never the value. */
  firstOffset: number;
}

/** What one Redactor did; merged by the orchestrator. Holds originals only in `newEntries` and `vocabulary`. */
export interface RedactOutcome {
  /** counts[file][rule]: spans replaced. */
  counts: Record<string, Record<string, number>>;
  /** Pseudonyms handed out that the snapshot did not hold yet (private: they go into the map only). */
  newEntries: MapEntries;
  /** Learned by `learn()` and not in the snapshot yet (private, like the entries). */
  vocabulary: Vocabulary;
  binaryFindings: BinaryFinding[];
}

/** For the report: no original values, only counts. */
export interface ReportCounts {
  files: Record<string, Record<string, number>>;
  rules: Record<string, number>;
  total: number;
}

/** Something the leak check found in redacted output: where and what kind, never the value. */
export interface LeakFinding {
  file: string;
  /** 1-based. */
  line: number;
  rule: string;
}

export function emptyEntries(): MapEntries {
  return {
    email: {},
    domain: {},
    host: {},
    user: {},
    device: {},
    keyword: {},
    custom: {},
    ipv4: {},
    ipv6: {},
    mac: {},
  };
}

export function emptyVocabulary(): Vocabulary {
  return { domains: [], hosts: [], users: [], devices: [] };
}
