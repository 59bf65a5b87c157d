#!/usr/bin/env bash
# Downloads the Kafka broker and its runtime jars from Maven Central into lib/ (once; cached afterwards).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KAFKA_HOME"
stamp="lib/.complete-$(grep -o '<kafka.version>[^<]*' pom.xml | cut -d'>' -f2)"
if [[ -f "$stamp" ]]; then exit 0; fi
rm -rf lib
mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime
touch "$stamp"
echo "kafka: jars in $KAFKA_HOME/lib ($(ls lib/*.jar | wc -l) files)"
