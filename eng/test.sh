#!/usr/bin/env bash
# Runs the whole test suite: restore, build, every test project in turn, then one summary line of its own:
# "N passed, N failed, N skipped". Exits non-zero when anything failed or could not run.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
passed=0 failed=0 skipped=0

summary() {
  echo
  echo "$passed passed, $failed failed, $skipped skipped"
}

# Reads one counter attribute from a TRX file.
counter() { grep -o "<Counters [^>]*" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }

# What the tests need from Debian, installed when missing: a PostgreSQL server (the tests start throwaway
# instances of their own; no cluster is created or started by the package) and docker-compose to validate the
# compose file.
install_missing() {
  local need=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || need+=(postgresql)
  [ -x /usr/bin/docker-compose ] || need+=(docker-compose)
  [ ${#need[@]} -eq 0 ] && return 0
  echo "Installing for the tests: ${need[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo mkdir -p /etc/postgresql-common
  grep -qs "create_main_cluster = false" /etc/postgresql-common/createcluster.conf \
    || echo "create_main_cluster = false" | $sudo tee -a /etc/postgresql-common/createcluster.conf > /dev/null
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o Dpkg::Options::=--force-confold "${need[@]}"
}

install_missing || echo "Could not install every test dependency; the tests that need them will say what is missing."

if ! dotnet restore OrleansChat.sln || ! dotnet build OrleansChat.sln --no-restore; then
  echo "The build failed: no test ran."
  failed=1
  summary
  exit 1
fi

for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  echo "==> $name"
  dotnet test "$project" --no-build --blame-hang-timeout 10m \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=$name.trx" --results-directory "$results"
  code=$?
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    passed=$((passed + $(counter "$trx" passed)))
    failed=$((failed + $(counter "$trx" failed)))
    skipped=$((skipped + $(counter "$trx" notExecuted)))
  fi
  if [ "$code" -ne 0 ] && { [ ! -f "$trx" ] || [ "$(counter "$trx" failed)" -eq 0 ]; }; then
    echo "$name exited with $code without a failed test: counted as one failure (crash or hang)."
    failed=$((failed + 1))
  fi
done

summary
[ "$failed" -eq 0 ]
