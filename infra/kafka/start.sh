#!/usr/bin/env bash
# Starts a single-node Kafka (KRaft broker+controller) on 127.0.0.1:9092 (or KAFKA_PORT) in the background and waits until it answers.
# Idempotent: does nothing when one is already answering. Data survives restarts in run/data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KAFKA_HOME"

if kafka_answers; then echo "kafka: already answering on $KAFKA_HOST:$KAFKA_PORT"; exit 0; fi

bash "$KAFKA_HOME/fetch.sh"
mkdir -p "$KAFKA_RUN"
sed -e "s|^log.dirs=.*|log.dirs=$KAFKA_RUN/data|" \
    -e "s|127.0.0.1:9092|$KAFKA_HOST:$KAFKA_PORT|g" -e "s|127.0.0.1:9093|$KAFKA_HOST:$KAFKA_CONTROLLER_PORT|g" \
    server.properties > "$KAFKA_RUN/server.properties"
java_opts=(-Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" -Djava.awt.headless=true)

if ! kafka_pid_alive; then
  if [[ ! -f "$KAFKA_RUN/data/meta.properties" ]]; then
    cluster_id="$(java -cp 'lib/*' "${java_opts[@]}" kafka.tools.StorageTool random-uuid | tail -n 1)"
    java -cp 'lib/*' "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_RUN/server.properties" >> "$KAFKA_LOG" 2>&1
  fi
  # setsid: the broker outlives the shell that started it and is not hit by its job-control signals.
  # shellcheck disable=SC2086
  setsid nohup java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "${java_opts[@]}" \
    -cp 'lib/*' kafka.Kafka "$KAFKA_RUN/server.properties" >> "$KAFKA_LOG" 2>&1 < /dev/null &
  echo $! > "$KAFKA_PID_FILE"
fi

for _ in $(seq 1 120); do
  if kafka_answers; then echo "kafka: answering on $KAFKA_HOST:$KAFKA_PORT (pid $(cat "$KAFKA_PID_FILE"))"; exit 0; fi
  if ! kafka_pid_alive; then echo "kafka: broker exited during start; last log lines:" >&2; tail -n 30 "$KAFKA_LOG" >&2; exit 1; fi
  sleep 0.5
done
echo "kafka: not answering after 60 s; see $KAFKA_LOG" >&2
exit 1
