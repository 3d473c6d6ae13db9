# StockTSDB local cluster, in the manner of Redis's utils/create-cluster; sourced by stocktsdb.sh
# (which provides find_java, find_jar and die).
#
#   bin/stocktsdb.sh cluster start --dir DIR [--shards N] [--members M] [--port BASE]
#       first run: writes DIR/topology.json (N shards of M members, slots split evenly; node i
#       listens on BASE+i-1 for RESP, BASE+i-1+10000 for Raft, BASE+i-1+20000 for /metrics),
#       starts every member with its data under DIR/<node_id>/, waits until every node says
#       cluster_state:ok, prints one line per node; later runs restart the members not running.
#   bin/stocktsdb.sh cluster status --dir DIR    the same lines; exit 0 when all run, 3 otherwise
#   bin/stocktsdb.sh cluster stop --dir DIR      stops every member (SIGTERM: graceful close)
#
# Defaults: --shards 2 --members 1 --port 30001. STOCKTSDB_HEAP_OPTS (default -Xmx512m) and
# STOCKTSDB_JVM_OPTS apply to every member; STOCKTSDB_START_TIMEOUT bounds the wait (default 120 s).

cluster_usage() {
  echo "usage: $0 cluster {start|status|stop} --dir DIR [--shards N] [--members M] [--port BASE]" >&2
  exit 2
}

# One RESP command as an inline line; prints the raw reply (QUIT closes the connection after it).
cluster_call() { # port command...
  local port="$1"; shift
  timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1; printf "%s\r\nQUIT\r\n" "$1" >&3; cat <&3' "$port" "$*" 2>/dev/null
}

# node_id port raft_port shard, one member per line, read from the topology file.
cluster_members() {
  tr -d ' \n\r\t' < "$CLUSTER_DIR/topology.json" \
    | grep -o '"node_id":"[^"]*","host":"[^"]*","port":[0-9]*,"raft_port":[0-9]*\|"raft_group_id"' \
    | awk -F'[:,"]+' '/raft_group_id/ { shard++; next } { print $3, $7, $9, shard - 1 }'
}

cluster_pid() { # node_id: the pid when that member runs
  local f="$CLUSTER_DIR/$1/pid" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f" 2>/dev/null)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--node-id $1 "; then
    echo "$pid"
  fi
}

cluster_write_topology() {
  local shards="$1" members="$2" base="$3" s m i=0 first last sep=""
  mkdir -p "$CLUSTER_DIR" || die "cannot create $CLUSTER_DIR"
  {
    printf '{\n  "version": 1,\n  "shards": [\n'
    for ((s = 0; s < shards; s++)); do
      first=$((s * 16384 / shards)); last=$(((s + 1) * 16384 / shards - 1))
      printf '%s    {"raft_group_id": "%s", "slots": [[%d, %d]], "members": [\n' "$sep" "$(cat /proc/sys/kernel/random/uuid)" "$first" "$last"
      for ((m = 0; m < members; m++)); do
        printf '      {"node_id": "node%d", "host": "127.0.0.1", "port": %d, "raft_port": %d}%s\n' \
          $((i + 1)) $((base + i)) $((base + i + 10000)) "$([ $m -lt $((members - 1)) ] && echo ,)"
        i=$((i + 1))
      done
      printf '    ]}'
      sep=$',\n'
    done
    printf '\n  ]\n}\n'
  } > "$CLUSTER_DIR/topology.json"
}

cluster_start_member() { # node_id port
  local node="$1" port="$2" java jar pid
  java="$(find_java)"; jar="$(find_jar)"
  mkdir -p "$CLUSTER_DIR/$node/data"
  # shellcheck disable=SC2086
  nohup "$java" ${STOCKTSDB_HEAP_OPTS:--Xmx512m} ${STOCKTSDB_JVM_OPTS:-} -jar "$jar" \
    --cluster-topology "$CLUSTER_DIR/topology.json" --node-id "$node" --port "$port" --bind-addr 127.0.0.1 \
    --data-dir "$CLUSTER_DIR/$node/data" --metrics-port $((port + 20000)) \
    >> "$CLUSTER_DIR/$node/stocktsdb.out" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$CLUSTER_DIR/$node/pid"
}

# "node_id 127.0.0.1:port pid shard role" for every member; returns 3 when one is not running.
cluster_lines() {
  local node port raft shard pid role rc=0
  while read -r node port raft shard; do
    pid="$(cluster_pid "$node")"
    if [ -z "$pid" ]; then
      echo "$node 127.0.0.1:$port - $shard not-running"; rc=3; continue
    fi
    role="$(cluster_call "$port" CLUSTER_INFO | tr -d '\r' | sed -n 's/^role://p')"
    echo "$node 127.0.0.1:$port $pid $shard ${role:-unreachable}"
  done < <(cluster_members)
  return $rc
}

cluster_start() {
  local shards="$1" members="$2" base="$3" node port raft shard started=() waited=0 pending
  if [ ! -f "$CLUSTER_DIR/topology.json" ]; then
    [ "$shards" -ge 1 ] && [ "$members" -ge 1 ] && [ "$base" -ge 1 ] && [ $((base + shards * members + 20000)) -le 65535 ] \
      || die "--shards, --members and --port must be positive, with every port (+20000) below 65536"
    cluster_write_topology "$shards" "$members" "$base"
  fi
  while read -r node port raft shard; do
    if [ -z "$(cluster_pid "$node")" ]; then cluster_start_member "$node" "$port"; started+=("$node"); fi
  done < <(cluster_members)
  while :; do
    pending=0
    while read -r node port raft shard; do
      if [ -z "$(cluster_pid "$node")" ]; then
        echo "$node failed to start; last lines of $CLUSTER_DIR/$node/stocktsdb.out:" >&2
        tail -n 20 "$CLUSTER_DIR/$node/stocktsdb.out" >&2
        return 1
      fi
      cluster_call "$port" "CLUSTER INFO" | grep -q "cluster_state:ok" || pending=$((pending + 1))
    done < <(cluster_members)
    [ "$pending" -eq 0 ] && break
    if [ "$waited" -ge $((${STOCKTSDB_START_TIMEOUT:-120} * 10)) ]; then
      echo "the cluster did not reach cluster_state:ok after ${STOCKTSDB_START_TIMEOUT:-120}s; see $CLUSTER_DIR/*/stocktsdb.out" >&2
      cluster_lines
      return 1
    fi
    sleep 0.1; waited=$((waited + 1))
  done
  echo "started: ${started[*]:-none (all members were running)}"
  cluster_lines
  read -r node port raft shard < <(cluster_members)
  echo "connect with: redis-cli -c -p $port"
}

cluster_stop() {
  local node port raft shard pid pids=()
  while read -r node port raft shard; do
    pid="$(cluster_pid "$node")"
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && pids+=("$node:$pid")
  done < <(cluster_members)
  local entry n=0 rc=0
  for entry in "${pids[@]+"${pids[@]}"}"; do
    pid="${entry#*:}"
    while kill -0 "$pid" 2>/dev/null && [ "$n" -lt $((${STOCKTSDB_STOP_TIMEOUT:-60} * 10)) ]; do sleep 0.1; n=$((n + 1)); done
    if kill -0 "$pid" 2>/dev/null; then echo "${entry%%:*} (pid $pid) did not stop" >&2; rc=1; else rm -f "$CLUSTER_DIR/${entry%%:*}/pid"; fi
  done
  echo "stopped ${#pids[@]} member(s)"
  return $rc
}

cluster() {
  local sub="${1:-}" shards=2 members=1 base=30001
  [ $# -gt 0 ] && shift
  CLUSTER_DIR=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) CLUSTER_DIR="${2:-}"; shift 2 ;;
      --shards) shards="${2:-}"; shift 2 ;;
      --members) members="${2:-}"; shift 2 ;;
      --port) base="${2:-}"; shift 2 ;;
      *) echo "unknown option: $1" >&2; cluster_usage ;;
    esac
  done
  [ -n "$CLUSTER_DIR" ] || cluster_usage
  [[ "$shards" =~ ^[0-9]+$ && "$members" =~ ^[0-9]+$ && "$base" =~ ^[0-9]+$ ]] || die "--shards, --members and --port take numbers"
  CLUSTER_DIR="$(mkdir -p "$CLUSTER_DIR" && cd "$CLUSTER_DIR" && pwd)" || die "cannot use --dir $CLUSTER_DIR"
  case "$sub" in
    start) cluster_start "$shards" "$members" "$base" ;;
    status)
      [ -f "$CLUSTER_DIR/topology.json" ] || die "no cluster in $CLUSTER_DIR (no topology.json)"
      cluster_lines ;;
    stop)
      [ -f "$CLUSTER_DIR/topology.json" ] || die "no cluster in $CLUSTER_DIR (no topology.json)"
      cluster_stop ;;
    *) cluster_usage ;;
  esac
}
