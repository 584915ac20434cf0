#!/usr/bin/env bash
# Runs the partition test (docs/partitions.md): PostgreSQL, three silos, two web nodes and the clients each in a
# network namespace of their own, under faults of the network. It needs root (network namespaces, veth, iptables,
# tc) and about ten minutes, so it runs apart from eng/test.sh. Prints per fault: acknowledged, lost, duplicates,
# reorders, recovery time; exits non-zero when any guarantee broke.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "$(id -u)" -ne 0 ]; then
  echo "The partition test creates network namespaces, veth pairs, a bridge, iptables rules and tc qdiscs: run it as root (sudo eng/partitions.sh)." >&2
  exit 1
fi
need=()
command -v ip > /dev/null || need+=(iproute2)
command -v iptables > /dev/null || need+=(iptables)
command -v curl > /dev/null || need+=(curl)
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> Installing for the partition test: ${need[*]}"
  mkdir -p /etc/postgresql-common
  grep -qs "create_main_cluster = false" /etc/postgresql-common/createcluster.conf \
    || echo "create_main_cluster = false" >> /etc/postgresql-common/createcluster.conf
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

dotnet build tests/OrleansChat.Partitions
# The test has a limit of its own (20 minutes); this one is for a hang outside it.
timeout 25m dotnet test tests/OrleansChat.Partitions --no-build --logger "console;verbosity=detailed"
