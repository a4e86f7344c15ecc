// Apart from rules-file (which loads zod through CasekitError) so `casekit redact --help` shows it at start-up.

export const RULES_FILE_HELP = `One rule a line; blank lines and lines starting with # are ignored:
  secret NAME /REGEX/FLAGS      matches become [REDACTED:NAME] (with a capture group, only group 1 does)
  pseudonym NAME /REGEX/FLAGS   matches become NAME-<tag>, the same tag for the same text in any letter case
  keyword TEXT                  like --keyword: the rest of the line, literally, in any letter case
  secret-key KEY                values of KEY are secrets (key=value, key: value, JSON, XML)
NAME is lower-case letters, digits and hyphens; FLAGS may be empty or "i".`;
