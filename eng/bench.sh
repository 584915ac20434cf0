#!/usr/bin/env bash
# Runs the benchmarks the design asks for (docs/benchmarks.md says what they measure) and regenerates the
# tables in docs/benchmarks.md. Benchmarks are never tests: eng/test.sh does not run them.
#
#   eng/bench.sh            full run: 5,000 connections in 100 rooms, both systems, durable appends, search (about 19 min on 2 cores)
#   eng/bench.sh --quick    smoke sizes (~2 min); the tables then say they are not the targets' load
#   eng/bench.sh --only raw|chat|socketio|fanout|large-room|transports|ai|durable|search|reactions|footprint|tracing [--connections N] [--rooms N] [--report PATH]
#   eng/bench.sh --only chat --idle-only --web-setting KEY=VALUE   idle memory only, with a setting for the web node
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# From Debian when missing: the PostgreSQL server binaries (the durable, large-room and search benchmarks start a
# throwaway server of their own; the package creates none) and the font the charts are drawn with.
need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || need+=(postgresql)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing for the benchmarks: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo mkdir -p /etc/postgresql-common
  grep -qs "create_main_cluster = false" /etc/postgresql-common/createcluster.conf \
    || echo "create_main_cluster = false" | $sudo tee -a /etc/postgresql-common/createcluster.conf > /dev/null
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o Dpkg::Options::=--force-confold "${need[@]}"
fi

# The socket.io server the fan-out puts beside OrleansChat.
if [ ! -d bench/socketio-server/node_modules ]; then
  echo "Installing the socket.io benchmark server's npm packages"
  (cd bench/socketio-server && npm ci --no-audit --no-fund)
fi

# Every connection is a socket in the load generator and one in the server: 5,000 of each need more than the
# usual 1,024 descriptors. The soft limit goes as high as the hard limit allows.
ulimit -n "$(ulimit -Hn)" 2> /dev/null || true
echo "Open files limit: $(ulimit -n)"

dotnet build bench/OrleansChat.Bench/OrleansChat.Bench.csproj -c Release -v quiet -nologo
dotnet bench/OrleansChat.Bench/bin/Release/net10.0/OrleansChat.Bench.dll "$@"
