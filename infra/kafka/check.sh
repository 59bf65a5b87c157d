#!/usr/bin/env bash
# Exit 0 when a broker answers Kafka requests on 127.0.0.1:9092, 1 otherwise.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
kafka_answers
