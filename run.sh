#!/usr/bin/env bash
# Runs the service jar with the memory settings it is sized for (README: "Memory"). Arguments go to the jar:
#   ./run.sh serve --demo      ./run.sh migrate      ./run.sh demo
# JAVA_MEMORY overrides the memory settings below; JAVA_OPTS adds to them.
set -euo pipefail
jar="$(readlink -f "${YUHAO_JAR:-$(dirname "$0")/api/target/yuhao-care-api.jar}")"

# Under a container (cgroup) memory limit the heap takes a share of it, with G1; on a bare host at most 256 MB
# of heap with the serial collector, since without a cap the JVM sizes its heap from the host's memory (a quarter
# of 24 GiB here) and keeps what a burst made it grow to. The serial collector grows a heap only when too little is
# free after a collection, and has no per-region bookkeeping: the smallest footprint, the JVM's own choice for
# small machines, and pauses of a few milliseconds at this size. It starts at 64 MB (the JVM would start at 1/64 of
# the host, i.e. the whole 256 MB here, and never go below its start): measured under the redemption load it
# settles near 90 MB, 40–50 MB less resident memory, for about 2 % of one core more in young collections.
limit=""
if [[ -r /sys/fs/cgroup/memory.max ]]; then limit=$(cat /sys/fs/cgroup/memory.max); fi
if [[ -z "$limit" || "$limit" == "max" ]] && [[ -r /sys/fs/cgroup/memory/memory.limit_in_bytes ]]; then
  limit=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)
  (( limit > 1 << 50 )) && limit=""
fi
if [[ -n "$limit" && "$limit" != "max" ]]; then
  # G1 gives idle memory back to the system every minute.
  heap="-XX:MaxRAMPercentage=60 -XX:+UseG1GC -XX:G1PeriodicGCInterval=60000"
else
  heap="-Xms64m -Xmx256m -XX:+UseSerialGC"
fi
# An OutOfMemoryError ends the process so systemd or the container restarts it instead of limping on; 512 KiB
# thread stacks keep a connection burst's threads small.
default_memory="$heap -Xss512k -XX:MaxMetaspaceSize=192m -XX:+ExitOnOutOfMemoryError"
# Class-data sharing: `mvn package` leaves beside the jar an archive of the classes a warm-up run loaded, which the
# JVM maps instead of parsing them again (start-up about 40 % faster). It belongs to that jar at that path and that
# JVM; a copied jar needs its own (README, "Faster start-up"), and a stale one is refused with a warning.
cds=""
if [[ -r "${jar%.jar}.jsa" ]]; then cds="-XX:SharedArchiveFile=${jar%.jar}.jsa"; fi
# shellcheck disable=SC2086
exec java ${JAVA_MEMORY:-$default_memory} $cds ${JAVA_OPTS:-} -jar "$jar" "$@"
