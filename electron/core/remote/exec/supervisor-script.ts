import { command } from './shell-quote';

/**
 * A POSIX sh supervisor that stands between sshd (or sudo) and the command,
 * so that stopping the command stops everything it started.
 *
 * Why not simpler: OpenSSH refuses the SSH "signal" request for root sessions
 * (no privilege separation after a root login: "session signalling requires
 * privilege separation"), older ones ignore it, and ssh2 silently drops it
 * once stdin has been closed; closing the channel leaves
 * a non-pty command running; sudo relays SIGTERM to its direct child only, so
 * grandchildren are orphaned; `su -c` and daemons start new sessions, out of
 * reach of a process-group kill; and a second `sudo kill` may need the
 * password again. So the supervisor runs at the privilege level of the
 * command and, on SIGTERM/HUP/INT, takes down the command's whole tree itself.
 *
 * It starts the command in a new session (setsid) and reports its own pid on
 * stderr after `$1`, the marker. On a signal it first freezes the command's
 * tree with SIGSTOP, round by round until no new member appears, so nothing
 * can fork or slip away to init while it is being listed. Members are the
 * descendants of the command and everyone in a session led by a member (that
 * catches orphans re-parented to init); zombies are already dead, and their
 * parent or init reaps them. Then all get SIGTERM and SIGCONT, the CONT
 * again every round, because `su` stops itself when its child stops and would
 * otherwise sleep until the SIGKILL. Whatever is left after `$2` tenths of a
 * second gets SIGKILL. Matching by
 * session and live parent links only (never by remembered pids) means a
 * recycled pid never makes it kill an unrelated process: Linux does not reuse
 * a pid while a session still carries it as its id. The supervisor exits
 * (143) only when the tree is gone, so its exit status is the confirmation.
 *
 * setsid forks (and `$!` would be a parent that exits at once) only when its
 * caller leads a process group; a background job of a shell without job
 * control never does, so `$!` is the command's own shell.
 */
const SCRIPT = String.raw`m=$1 g=$2 c=$3 k= S= M=
P=$PATH:/usr/bin:/bin:/usr/sbin:/sbin
members() {
  (PATH=$P; ps -A -o pid= -o ppid= -o sid= -o stat= | awk -v k="$k" -v s="$S" '
    BEGIN { n = split(s, a, " "); for (i = 1; i <= n; i++) ses[a[i]] = 1 }
    $4 !~ /^Z/ { c++; pid[c] = $1; ppid[c] = $2; sid[c] = $3 }
    END {
      do {
        grew = 0
        for (i = 1; i <= c; i++) {
          p = pid[i]
          if (p in m) continue
          if (p == k || (ppid[i] in m) || (sid[i] in ses)) { m[p] = 1; grew = 1; if (p == sid[i]) ses[p] = 1 }
        }
      } while (grew)
      for (i = 1; i <= c; i++) if (sid[i] in ses) live[sid[i]] = 1
      printf "S=\047"; for (x in live) printf " %s", x
      printf "\047 M=\047"; for (x in m) printf " %s", x
      print "\047"
    }')
}
reap() {
  trap '' HUP INT TERM
  [ -n "$k" ] || exit 143
  all=" $k " i=0
  kill -STOP "$k" 2>/dev/null
  while [ "$i" -lt 20 ]; do
    M= new=
    eval "$(members)"
    for p in $M; do case $all in *" $p "*) ;; *) all="$all$p " new="$new $p" ;; esac; done
    [ -n "$new" ] || break
    kill -STOP $new 2>/dev/null
    i=$((i + 1))
  done
  kill -TERM $all 2>/dev/null
  kill -CONT $all 2>/dev/null
  n=0
  while [ "$n" -lt $((g + 20)) ]; do
    (PATH=$P; sleep 0.1 2>/dev/null || sleep 1)
    n=$((n + 1))
    M= new=
    eval "$(members)"
    [ -n "$M" ] || break
    if [ "$n" -ge "$g" ]; then kill -KILL $M 2>/dev/null; continue; fi
    for p in $M; do case $all in *" $p "*) ;; *) all="$all$p " new="$new $p" ;; esac; done
    [ -z "$new" ] || kill -TERM $new 2>/dev/null
    kill -CONT $M 2>/dev/null
  done
  exit 143
}
trap reap HUP INT TERM
exec 3<&0
if s=$(PATH=$P; command -v setsid); then "$s" /bin/sh -c "$c" <&3 3<&- & else /bin/sh -c "$c" <&3 3<&- & fi
k=$!
exec 3<&-
[ -z "$m" ] || printf '%s%s\n' "$m" "$$" >&2
wait "$k"`;

export interface SupervisorOptions {
  /** Printed on stderr, followed by the supervisor's pid and a newline; '' prints nothing. */
  marker: string;
  /** Time between SIGTERM and SIGKILL when the command is stopped. */
  graceMs: number;
}

/** The exit status of a supervisor that stopped its command on request. */
export const STOPPED_STATUS = 143;

/** argv running `commandLine` under the supervisor, for `sudo … -- <argv>`. */
export function supervisorArgv(commandLine: string, options: SupervisorOptions): string[] {
  const tenths = Math.max(1, Math.ceil(options.graceMs / 100));
  return ['/bin/sh', '-c', SCRIPT, 'casekit-supervisor', options.marker, String(tenths), commandLine];
}

/**
 * The line for sshd's exec request. `exec` makes the supervisor replace the
 * login shell, so the pid it reports is the one a second channel can signal.
 */
export function supervisedCommand(commandLine: string, options: SupervisorOptions): string {
  return `exec ${command(supervisorArgv(commandLine, options))}`;
}
