# shellcheck shell=bash
# Measurements shared by scripts/soak and scripts/abuse; sourced after lib.sh, never run.

# build_tools DIR: compiles the C tools of soak.d (and bench.d's load tool, as scripts/bench does) into DIR.
build_tools() {
  local dir="$1" source
  for source in "$POETRY_ROOT"/scripts/soak.d/*.c "$POETRY_ROOT/scripts/bench.d/load.c"; do
    cc -O2 -Wall -o "$dir/$(basename "$source" .c)" "$source" || die "could not build $source"
  done
}

# fd_count PID: the descriptors the process has open now.
fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
# rss_mb PID: resident memory now; peak_rss_mb PID: the most it has used (VmHWM).
rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
peak_rss_mb() { awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
# tcp_mem_mb: the kernel's memory for TCP buffers, host-wide (/proc/net/sockstat counts pages).
tcp_mem_mb() { awk -v page="$(getconf PAGESIZE)" '/^TCP:/ {for (i = 1; i < NF; i++) if ($i == "mem") printf "%.0f", $(i + 1) * page / 1048576}' /proc/net/sockstat; }

# field NAME LINE: one key=value from a tool's output line.
field() { sed -nE "s/.*(^| )$1=([^ ]+).*/\\2/p" <<<"$2"; }

# has_option COMMAND OPTION: true when `poetry COMMAND --help` lists OPTION, i.e. the build has it.
has_option() { "$POETRY" "$1" --help 2>/dev/null | grep -q -- "$2\\b"; }

# start_peer NAME DIR MODE...: runs soak.d's hostile server in the background (pid in DIR/NAME.peer)
# and prints its port.
start_peer() {
  local name="$1" dir="$2"
  shift 2
  "$dir/peer" "$@" >"$dir/$name.port" 2>"$dir/$name.peerlog" &
  echo $! >"$dir/$name.peer"
  local waited=0
  until [[ -s "$dir/$name.port" ]]; do
    ((waited++ < 50)) || die "$name did not start"
    sleep 0.1
  done
  sed -n 's/^port //p' "$dir/$name.port"
}

# stop_peer_file FILE: stops the peer recorded in FILE, if it is still ours.
stop_peer_file() {
  local pid
  pid="$(cat "$1" 2>/dev/null || true)"
  rm -f "$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  # Only our own peer: a stale pid may have been reused by something else.
  grep -q 'peer' "/proc/$pid/cmdline" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  local waited=0
  while running "$pid" && ((waited++ < 20)); do sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# within PERCENT SLACK FIRST LAST: true when LAST is at most FIRST plus PERCENT % plus SLACK.
within() { awk -v p="$1" -v s="$2" -v a="$3" -v b="$4" 'BEGIN {exit !(b <= a * (1 + p / 100) + s)}'; }
