// The streaming text redaction engine of `casekit redact` (issue 5): pass 1
// learns the customer's names, pass 2 replaces secrets with markers and
// personal or installation data with consistent pseudonyms, the leak check
// scans the output on its own. See ../README.md for rules, markers,
// pseudonyms and figures.
export { Redactor } from './redactor';
export { LeakChecker } from './leak-checker';
export { mergeCounts, mergeOutcomes } from './outcome';
export { loadMap, saveMap, newMapSnapshot, MAP_FORMAT_VERSION, type MapSnapshot } from './map-snapshot';
export { parseRulesFile, RULES_FILE_HELP } from './rules-file';
export { markerText } from './render';
export { DEFAULT_TUNING, type Tuning } from './window-feeder';
export {
  PSEUDONYM_KINDS,
  type BinaryFinding,
  type ExtraRule,
  type LeakFinding,
  type MapEntries,
  type PseudonymKind,
  type RedactConfig,
  type RedactOutcome,
  type ReportCounts,
  type Vocabulary,
} from './types';
