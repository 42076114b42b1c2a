# shellcheck shell=bash
# Helpers shared by the scripts in this folder; sourced, never run.

POETRY_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
POETRY="$POETRY_ROOT/scripts/poetry"

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# Builds the jar up front when it is missing or stale (scripts/poetry decides and says so), so
# that timings and start-ups do not include a build.
ensure_jar() {
  "$POETRY" --version >/dev/null
}

# start_server NAME DIR ARGS...: runs `poetry ARGS...` in the background with stdout in
# DIR/NAME.out and stderr in DIR/NAME.log, waits for its start-up line, records its pid in
# DIR/NAME.pid and prints the port it listens on. Fails, with the server's own error, if it
# exits first.
start_server() {
  local name="$1" dir="$2"
  shift 2
  : >"$dir/$name.out"
  "$POETRY" "$@" >"$dir/$name.out" 2>"$dir/$name.log" &
  local pid=$!
  echo "$pid" >"$dir/$name.pid"
  local waited=0
  until grep -q ' on .*:[0-9]*\.$' "$dir/$name.out" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$dir/$name.pid"
      die "$name did not start: $(tail -n 1 "$dir/$name.log")"
    fi
    if ((waited >= 300)); then
      die "$name printed no start-up line within 30 s"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  sed -E 's/.*:([0-9]+)\.$/\1/' "$dir/$name.out"
}

# running PID: true while PID runs. A process that has exited but that its parent has not reaped
# yet (a zombie, state Z) has stopped: a server started from a command substitution is reaped by
# whichever process adopts it, which here took up to 1.4 s, and `kill -0` counts that time too.
running() {
  local stat
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat="${stat##*) }" # the state follows the command name, which is in parentheses
  [[ "${stat%% *}" != Z ]]
}

# stop_pid_file FILE: stops the poetry process recorded in FILE (TERM, then KILL after 5 s)
# and removes the file. Harmless if the process is gone or the pid now belongs to another program.
stop_pid_file() {
  local file="$1" pid
  pid="$(cat "$file" 2>/dev/null || true)"
  rm -f "$file"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  # Only a process started from our jar: a stale pid may have been reused by something else.
  grep -q 'poetry.jar' "/proc/$pid/cmdline" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  local waited=0
  while running "$pid" && ((waited < 50)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# valid_port TEXT: true when TEXT is a port number, 1 to 65535.
valid_port() {
  [[ "$1" =~ ^[0-9]{1,5}$ ]] && (($1 >= 1 && $1 <= 65535))
}

# port_in_use PORT: true when something already listens on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# seconds_from_summary FILE: the S of the last 'Got N poems in S seconds' line in FILE.
seconds_from_summary() {
  sed -nE 's/^Got [0-9]+ poems? in ([0-9.]+) seconds.*/\1/p' "$1" | tail -n 1
}
