# Shared settings for the Kafka scripts; sourced, not run.
KAFKA_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# KAFKA_PORT, KAFKA_CONTROLLER_PORT and KAFKA_RUN select another instance (tests that restart a broker use a private one).
KAFKA_RUN="${KAFKA_RUN:-$KAFKA_HOME/run}"
KAFKA_PID_FILE="$KAFKA_RUN/kafka.pid"
KAFKA_LOG="$KAFKA_RUN/kafka.log"
KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

# The pid file names a live Kafka broker (not a process that reused the pid after a reboot or crash).
kafka_pid_alive() {
  [[ -f "$KAFKA_PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$KAFKA_PID_FILE")"
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'
}

# Sends a Kafka ApiVersions (v0) request over plain TCP and succeeds only on a reply with error code 0,
# so a port that is open but not yet serving requests does not count as "answering".
kafka_answers() {
  local reply
  reply="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    # size=13 | api_key=18 ApiVersions | api_version=0 | correlation_id=7 | client_id="igv"
    printf "\x00\x00\x00\x0d\x00\x12\x00\x00\x00\x00\x00\x07\x00\x03igv" >&3
    head -c 10 <&3 | od -An -tx1 | tr -d " \n"
  ' "$KAFKA_HOST" "$KAFKA_PORT" 2>/dev/null)" || return 1
  # 4 bytes size, correlation id 7, error code 0
  [[ "${reply:8:12}" == "000000070000" ]]
}
