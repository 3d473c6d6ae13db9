#!/usr/bin/env bash
# StockTSDB service script, in the manner of ZooKeeper's zkServer.sh and Kafka's start/stop scripts.
#
#   bin/stocktsdb.sh start [server flags...]      start in the background, wait until it serves
#   bin/stocktsdb.sh start-foreground [flags...]  run in the foreground (systemd, containers)
#   bin/stocktsdb.sh stop                         graceful SHUTDOWN, then SIGTERM after a timeout
#   bin/stocktsdb.sh restart [flags...]           stop, then start (with the new flags, or the last ones)
#   bin/stocktsdb.sh status                       exit 0 when running, 3 when not (LSB)
#   bin/stocktsdb.sh cluster start|status|stop --dir DIR ...   a local cluster (see stocktsdb-cluster.sh)
#
# Server flags are those of `java -jar stocktsdb.jar --help` (e.g. --config FILE --port 6380).
# Environment:
#   STOCKTSDB_HOME          installation directory (default: this script's parent directory)
#   STOCKTSDB_JAR           the server jar (default: first of $STOCKTSDB_HOME/stocktsdb.jar,
#                           $STOCKTSDB_HOME/lib/stocktsdb.jar, $STOCKTSDB_HOME/server/target/stocktsdb.jar)
#   STOCKTSDB_CONF          JSON config passed as --config when the file exists
#                           (default: $STOCKTSDB_HOME/conf/stocktsdb.json)
#   STOCKTSDB_PID_DIR       pid file directory (default: $STOCKTSDB_HOME/run)
#   STOCKTSDB_LOG_DIR       log directory (default: $STOCKTSDB_HOME/logs); output goes to stocktsdb.out
#   JAVA_HOME               JDK to use; else `java` on PATH; else the newest JDK under /usr/lib/jvm
#   STOCKTSDB_HEAP_OPTS     heap flags (default: -Xms512m -Xmx2g)
#   STOCKTSDB_JVM_OPTS      more JVM flags
#   STOCKTSDB_START_TIMEOUT seconds start waits for "StockTSDB ready" (default: 120)
#   STOCKTSDB_STOP_TIMEOUT  seconds stop waits after SHUTDOWN, and again after SIGTERM (default: 60)
set -u

HOME_DIR="${STOCKTSDB_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
PID_DIR="${STOCKTSDB_PID_DIR:-$HOME_DIR/run}"
LOG_DIR="${STOCKTSDB_LOG_DIR:-$HOME_DIR/logs}"
PID_FILE="$PID_DIR/stocktsdb.pid"
ARGS_FILE="$PID_DIR/stocktsdb.args"
LOG_FILE="$LOG_DIR/stocktsdb.out"
CONF="${STOCKTSDB_CONF:-$HOME_DIR/conf/stocktsdb.json}"
START_TIMEOUT="${STOCKTSDB_START_TIMEOUT:-120}"
STOP_TIMEOUT="${STOCKTSDB_STOP_TIMEOUT:-60}"

die() { echo "stocktsdb: $*" >&2; exit 1; }

find_jar() {
  if [ -n "${STOCKTSDB_JAR:-}" ]; then
    [ -f "$STOCKTSDB_JAR" ] || die "STOCKTSDB_JAR=$STOCKTSDB_JAR does not exist"
    echo "$STOCKTSDB_JAR"; return
  fi
  for j in "$HOME_DIR/stocktsdb.jar" "$HOME_DIR/lib/stocktsdb.jar" "$HOME_DIR/server/target/stocktsdb.jar"; do
    [ -f "$j" ] && { echo "$j"; return; }
  done
  die "no stocktsdb.jar under $HOME_DIR (build it with: mvn -DskipTests package), or set STOCKTSDB_JAR"
}

# The major version of a java binary, e.g. 17.
java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${d}bin/java"); done
  for j in "${candidates[@]}"; do
    if [ -x "$j" ] && [ "$(java_major "$j")" -ge 17 ] 2>/dev/null; then echo "$j"; return; fi
  done
  die "no Java 17 or newer found (set JAVA_HOME)"
}

# The pid in the pid file when that process is alive and is StockTSDB; empty otherwise.
running_pid() {
  [ -f "$PID_FILE" ] || return 0
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null)"
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q stocktsdb; then
    echo "$pid"
  fi
}

# Server flags: the given ones, else those of the last start; --config from STOCKTSDB_CONF unless given.
server_args=()
load_args() {
  if [ $# -gt 0 ]; then
    server_args=("$@")
  elif [ -f "$ARGS_FILE" ]; then
    mapfile -d '' server_args < "$ARGS_FILE"
  fi
  local has_config=0
  for a in "${server_args[@]+"${server_args[@]}"}"; do [ "$a" = "--config" ] && has_config=1; done
  if [ $has_config -eq 0 ] && [ -f "$CONF" ]; then server_args=(--config "$CONF" "${server_args[@]+"${server_args[@]}"}"); fi
}

java_cmd() {
  local java jar
  java="$(find_java)"; jar="$(find_jar)"
  # shellcheck disable=SC2206
  cmd=("$java" ${STOCKTSDB_HEAP_OPTS:--Xms512m -Xmx2g} ${STOCKTSDB_JVM_OPTS:-} -jar "$jar")
}

start() {
  local pid
  pid="$(running_pid)"
  if [ -n "$pid" ]; then echo "StockTSDB already running (pid $pid)"; return 0; fi
  load_args "$@"
  java_cmd
  mkdir -p "$PID_DIR" "$LOG_DIR" || die "cannot create $PID_DIR or $LOG_DIR"
  (umask 077; printf '%s\0' "${server_args[@]+"${server_args[@]}"}" > "$ARGS_FILE")
  local offset=0
  touch "$LOG_FILE" || die "cannot write $LOG_FILE"  # exists before the first poll reads it
  offset=$(stat -c %s "$LOG_FILE")
  nohup "${cmd[@]}" "${server_args[@]+"${server_args[@]}"}" >> "$LOG_FILE" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PID_FILE"
  local waited=0
  while [ "$waited" -lt $((START_TIMEOUT * 10)) ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      echo "StockTSDB failed to start; last lines of $LOG_FILE:" >&2
      tail -c +$((offset + 1)) "$LOG_FILE" | tail -n 20 >&2
      return 1
    fi
    if tail -c +$((offset + 1)) "$LOG_FILE" | grep -q "StockTSDB ready"; then
      echo "StockTSDB started (pid $pid), log $LOG_FILE"
      return 0
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  echo "StockTSDB (pid $pid) not ready after ${START_TIMEOUT}s; see $LOG_FILE" >&2
  return 1
}

start_foreground() {
  load_args "$@"
  java_cmd
  exec "${cmd[@]}" "${server_args[@]+"${server_args[@]}"}"
}

wait_exit() { # pid seconds
  local n=0
  while kill -0 "$1" 2>/dev/null && [ "$n" -lt $(($2 * 10)) ]; do sleep 0.1; n=$((n + 1)); done
  ! kill -0 "$1" 2>/dev/null
}

stop() {
  local pid
  pid="$(running_pid)"
  if [ -z "$pid" ]; then
    rm -f "$PID_FILE"
    echo "StockTSDB not running"
    return 0
  fi
  load_args
  # SHUTDOWN over RESP (AUTH first when requirepass is set): the server checkpoints and exits
  if ! "$(find_java)" -Xmx64m -jar "$(find_jar)" shutdown --shutdown-timeout 10 "${server_args[@]+"${server_args[@]}"}" >> "$LOG_FILE" 2>&1; then
    echo "SHUTDOWN was not accepted; sending SIGTERM" >&2
    kill -TERM "$pid" 2>/dev/null
  fi
  if ! wait_exit "$pid" "$STOP_TIMEOUT"; then
    echo "StockTSDB (pid $pid) still running after ${STOP_TIMEOUT}s; sending SIGTERM" >&2
    kill -TERM "$pid" 2>/dev/null
    if ! wait_exit "$pid" "$STOP_TIMEOUT"; then
      echo "StockTSDB (pid $pid) did not stop; left running" >&2
      return 1
    fi
  fi
  rm -f "$PID_FILE"
  echo "StockTSDB stopped"
}

status() {
  local pid
  pid="$(running_pid)"
  if [ -n "$pid" ]; then
    echo "StockTSDB running (pid $pid)"
    return 0
  fi
  echo "StockTSDB not running"
  return 3
}

action="${1:-}"
[ $# -gt 0 ] && shift
case "$action" in
  start) start "$@" ;;
  start-foreground) start_foreground "$@" ;;
  stop) stop ;;
  restart) stop && start "$@" ;;
  status) status ;;
  cluster)
    # shellcheck source=stocktsdb-cluster.sh
    source "$(dirname "${BASH_SOURCE[0]}")/stocktsdb-cluster.sh"
    cluster "$@" ;;
  *) echo "usage: $0 {start|start-foreground|stop|restart|status|cluster} [server flags...]" >&2; exit 2 ;;
esac
