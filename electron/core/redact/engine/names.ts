// What counts as a name of the customer, and what is public or too common to
// touch. Pure functions over lower-case strings; the learner and the redactor
// agree through them, and so does the leak check (it must not flag what the
// redactor deliberately keeps).

/**
 * Registrable domains that stay as they are, with every name under them: the
 * vendor, standards bodies and namespaces in XML and stack traces, certificate
 * authorities, blocklists and the large public mail providers (an address there
 * still loses its local part).
 */
const PUBLIC_DOMAINS = new Set(
  (
    'zimbra.com zimbra.org zextras.com synacor.com w3.org apache.org oracle.com java.com java.net sun.com ' +
    'openldap.org postfix.org ietf.org iana.org rfc-editor.org mozilla.org mozilla.com thunderbird.net ' +
    'microsoft.com windows.com office.com office365.com apple.com google.com gmail.com googlemail.com ' +
    'outlook.com hotmail.com live.com msn.com yahoo.com icloud.com me.com aol.com gmx.net gmx.de web.de ' +
    'wp.pl onet.pl o2.pl interia.pl protonmail.com proton.me yandex.ru mail.ru qq.com 163.com ' +
    'spamhaus.org spamcop.net sorbs.net barracudacentral.org surbl.org uribl.com dnswl.org mailspike.net ' +
    'letsencrypt.org digicert.com sectigo.com globalsign.com godaddy.com verisign.com entrust.net ' +
    'comodoca.com usertrust.com amazonaws.com cloudflare.com eclipse.org github.com maven.org ubuntu.com ' +
    'debian.org redhat.com centos.org rockylinux.org almalinux.org fedoraproject.org clamav.net nginx.org ' +
    'nginx.com openssl.org xmlsoap.org jcp.org springframework.org jboss.org mariadb.org mysql.com ' +
    'postgresql.org amavis.org spamassassin.org schema.org purl.org xmpp.org jabber.org openoffice.org ' +
    'libreoffice.org sourceforge.net'
  ).split(' '),
);

/** Second-level labels under which registrations happen (`example.co.uk`). */
const MULTI_PART_SUFFIXES = new Set(
  (
    'co.uk org.uk ac.uk gov.uk ltd.uk plc.uk me.uk net.uk com.au net.au org.au edu.au gov.au co.nz org.nz ' +
    'net.nz co.jp ne.jp or.jp ac.jp go.jp co.kr or.kr com.br net.br org.br gov.br com.mx com.ar com.co ' +
    'com.pe com.ve com.tr org.tr net.tr gov.tr edu.tr co.za org.za co.in net.in org.in gov.in ac.in com.cn ' +
    'net.cn org.cn gov.cn com.hk com.sg com.my com.tw com.pl net.pl org.pl gov.pl edu.pl waw.pl co.il ' +
    'org.il ac.il com.ua co.id or.id co.th in.th com.ph com.vn com.eg com.sa com.pk com.ng co.ke com.gh'
  ).split(' '),
);

/** Last labels that are file types, not top-level domains, so `mailbox.log` is never learned as a domain. */
const NOT_TLDS = new Set(
  (
    'log xml txt java jar war class conf cfg ini json yaml yml properties props gz tgz bz2 xz zip tar html ' +
    'htm css pem crt key csr der p12 jks pid sock out err tmp bak old lock swp db sql so dat bin exe dll jsp ' +
    'php png jpg jpeg gif svg ico pdf invalid localdomain localhost example test'
  ).split(' '),
);

/**
 * Words that are never replaced on their own (as a bare user or short host
 * name) because they are everywhere in diagnostics: log levels, service and
 * system account names, generic words. They are still replaced in a context
 * that names them (`uid=admin`), just not wherever they occur.
 */
const COMMON_WORDS = new Set(
  (
    'zimbra mail mailbox mailboxd localhost server host proxy mta ldap store logger web www smtp smtps imap ' +
    'imaps pop pop3 pop3s http https admin administrator root postfix amavis clamav info debug warn warning ' +
    'error fatal trace notice crit alert emerg test tests user users default system service services example ' +
    'domain local none null unknown master replica primary secondary main node mx ns dns db mysql nginx jetty ' +
    'java memcached opendkim spamassassin antivirus antispam archiving convertd snmp stats zmconfigd ' +
    'cbpolicyd dnscache saslauthd slapd sshd cron kernel systemd syslog rsyslogd sudo su login guest nobody ' +
    'daemon postmaster abuse noreply support sales office spam ham virus galsync backup public shared ' +
    'calendar contacts inbox sent drafts trash junk briefcase tasks true false yes no on off all any auth ' +
    'soap rest sync mobile mail1 gateway relay edge cluster webmail portal api app apps dev prod staging'
  ).split(' '),
);

/** Accounts of the operating system and of Zimbra's own services: diagnostics, not people. */
const SYSTEM_USERS = new Set(
  (
    'zimbra root postfix amavis clamav nobody daemon mail www-data nginx ldap openldap mysql syslog bin sys ' +
    'sshd ntp opendkim memcached postdrop - (null) null none unknown anonymous'
  ).split(' '),
);

// First labels of reverse-DNS names (Java packages: com.zimbra.cs.mailbox), never of a host.
const PACKAGE_ROOTS = new Set(['com', 'org', 'net', 'edu', 'gov', 'io', 'java', 'javax', 'jdk', 'sun']);
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ALPHA_TLD = /^[a-z]{2,24}$/;

/** The registrable part of a lower-case name: `mbx01.example.co.uk` -> `example.co.uk`. */
export function registrableRoot(name: string): string {
  const labels = name.split('.');
  if (labels.length <= 2) return name;
  const lastTwo = labels.slice(-2).join('.');
  return MULTI_PART_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

/** True for names in or under a public domain (`www.w3.org`). */
export function isPublicName(name: string): boolean {
  return PUBLIC_DOMAINS.has(registrableRoot(name));
}

/**
 * A lower-case string that can be a customer's DNS name with at least two
 * labels: valid labels, an alphabetic top-level domain that is not a file type,
 * not a Java package (`com.zimbra.cs...`), not public, not an already
 * pseudonymous `.invalid` name.
 */
export function isCustomerDomainName(name: string): boolean {
  if (name.length < 4 || name.length > 253) return false;
  const labels = name.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  if (!ALPHA_TLD.test(tld) || NOT_TLDS.has(tld)) return false;
  if (labels.length >= 3 && PACKAGE_ROOTS.has(labels[0] ?? '')) return false;
  for (const label of labels) if (!LABEL.test(label)) return false;
  if (MULTI_PART_SUFFIXES.has(name)) return false;
  return !isPublicName(name);
}

/** A short (dot-less) host name worth learning: a valid label, not a common word, not a number. */
export function isShortHostName(name: string): boolean {
  return LABEL.test(name) && !/^\d+$/.test(name) && name !== 'localhost';
}

/** True when a bare word may be replaced wherever it occurs (see COMMON_WORDS). */
export function isDistinctiveWord(word: string): boolean {
  return word.length >= 3 && !/^[\d.]+$/.test(word) && !COMMON_WORDS.has(word);
}

/** A user-name value that stays (a system account, or a stand-in such as `-` or `unknown`). */
export function isSystemUser(name: string): boolean {
  return SYSTEM_USERS.has(name);
}

/** A host label that may stand for the host on its own (`mbx01`, `zcs-02`): it has a digit or a hyphen. */
export function isDistinctiveHostLabel(label: string): boolean {
  return /[\d-]/.test(label) && isShortHostName(label) && isDistinctiveWord(label);
}
