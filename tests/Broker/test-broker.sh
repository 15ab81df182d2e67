#!/usr/bin/env bash
# A private RabbitMQ node for the tests: Debian's rabbitmq-server, run from /usr/lib/rabbitmq/bin (not the
# system service) with its own node name, ports, data, logs and Erlang cookie, all under one folder, bound
# to 127.0.0.1 only. Several can run side by side (each test file starts its own) and none touches the
# machine's own broker.
#
#   test-broker.sh start   DIR PORT USER PASSWORD   start the node, wait until it answers, create USER/vhost "studio"
#   test-broker.sh stop    DIR                      stop the node (data kept, so "start" again is a broker restart)
#   test-broker.sh restart DIR                      stop, then start with the same data (queues survive)
#   test-broker.sh delete  DIR                      stop and remove DIR
#
# The password is read from PASSWORD, never echoed, and given to rabbitmqctl on stdin, not on its command line.
set -euo pipefail
BIN=${PHOTOCURATION_RABBITMQ_BIN:-/usr/lib/rabbitmq/bin}
cmd=${1:?start|stop|restart|delete}
dir=${2:?folder of the node}

env_of() {
  local port
  port=$(cat "$dir/port")
  export HOME="$dir/home"                       # its own .erlang.cookie
  export RABBITMQ_NODENAME="pctest$port@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$port
  export RABBITMQ_DIST_PORT=$((port + 20000))   # Erlang distribution, beside AMQP
  export ERL_EPMD_PORT=$((port + 10000))        # its own port mapper, so the host's epmd is never shared
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_MNESIA_BASE="$dir/mnesia"
  export RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_PID_FILE="$dir/node.pid"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq"    # rabbitmq.conf
  export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_SERVER_START_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

wait_ready() {
  for _ in $(seq 1 120); do
    if "$BIN/rabbitmq-diagnostics" -q -n "$RABBITMQ_NODENAME" check_port_connectivity >/dev/null 2>&1; then return 0; fi
    if [ -f "$dir/node.os.pid" ] && ! kill -0 "$(cat "$dir/node.os.pid")" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "test-broker: node $RABBITMQ_NODENAME did not start; see $dir/log and $dir/server.log" >&2
  return 1
}

start_node() {
  env_of
  mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
  [ -f "$dir/enabled_plugins" ] || echo '[].' > "$dir/enabled_plugins"
  [ -f "$dir/advanced.config" ] || echo '[].' > "$dir/advanced.config"
  [ -f "$dir/rabbitmq.conf" ] || printf 'loopback_users = none\nlisteners.tcp.1 = 127.0.0.1:%s\n' "$RABBITMQ_NODE_PORT" > "$dir/rabbitmq.conf"
  setsid "$BIN/rabbitmq-server" >>"$dir/server.log" 2>&1 < /dev/null &
  echo $! > "$dir/node.os.pid"
  wait_ready
}

stop_node() {
  env_of
  "$BIN/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" stop >/dev/null 2>&1 || true
  if [ -f "$dir/node.os.pid" ]; then
    local pid; pid=$(cat "$dir/node.os.pid")
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 -- "-$pid" 2>/dev/null || true      # its own session (setsid): the node and its epmd only
    rm -f "$dir/node.os.pid"
  fi
}

case "$cmd" in
  start)
    port=${3:?AMQP port}; user=${4:?user}; password=${5:?password}
    mkdir -p "$dir"; echo "$port" > "$dir/port"
    start_node
    "$BIN/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" add_vhost studio >/dev/null 2>&1 || true
    "$BIN/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" delete_user "$user" >/dev/null 2>&1 || true
    printf '%s' "$password" | "$BIN/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" add_user "$user" >/dev/null
    "$BIN/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" set_permissions -p studio "$user" '.*' '.*' '.*' >/dev/null
    "$BIN/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" delete_user guest >/dev/null 2>&1 || true
    echo "amqp://127.0.0.1:$port/studio"
    ;;
  stop) stop_node ;;
  restart) stop_node; start_node ;;
  delete) stop_node; rm -rf "$dir" ;;
  *) echo "usage: $0 start|stop|restart|delete DIR ..." >&2; exit 2 ;;
esac
