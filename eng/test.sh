#!/usr/bin/env bash
# Runs the whole test suite: restore, build, every test project in turn, then one summary line of its own:
# "N passed, N failed, N skipped". Exits non-zero when anything failed or could not run.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
passed=0 failed=0 skipped=0

# The failed tests, each with the first lines of what it said, repeated just above the summary: a long log is often
# shown only in part, and a failure that happens once in many runs has to be read from the run it happened in.
recap_failures() {
  local recap
  recap="$(perl -0777 -ne '
    my %entity = (quot => q("), apos => q(\x27), lt => "<", gt => ">", amp => "&");
    while (/<UnitTestResult\s[^>]*?testName="([^"]*)"[^>]*?outcome="Failed"(.*?)<\/UnitTestResult>/sg) {
      my ($name, $body) = ($1, $2);
      my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
      my @lines = grep { /\S/ } split /\n/, ($message // "");
      splice @lines, 12 if @lines > 12;
      s/&(\w+);/$entity{$1} \/\/ "&$1;"/ge for $name, @lines;
      print "  $name\n", map { "      $_\n" } @lines;
    }' "$results"/*.trx 2>/dev/null || true)"
  if [ -n "$recap" ]; then
    echo
    echo "Failed tests:"
    echo "$recap"
  fi
}

summary() {
  recap_failures
  echo
  echo "$passed passed, $failed failed, $skipped skipped"
}

# Reads one counter attribute from a TRX file.
counter() { grep -o "<Counters [^>]*" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }

# What the tests need, installed when missing: from Debian a PostgreSQL server (the tests start throwaway
# instances of their own; the package creates and starts no cluster), docker-compose to validate the compose
# file, nginx to run deploy/nginx.conf on loopback (where services start on install, Debian starts its own on
# port 80: `systemctl disable --now nginx`), Chromium for the browser tests, and curl and jq for the README's
# examples; from npm the widget's packages (the web project's build bundles the widget).
install_missing() {
  local need=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || need+=(postgresql)
  [ -x /usr/bin/docker-compose ] || need+=(docker-compose)
  [ -x /usr/sbin/nginx ] || need+=(nginx-light)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/curl ] || need+=(curl)
  [ -x /usr/bin/jq ] || need+=(jq)
  if [ ${#need[@]} -gt 0 ]; then
    echo "==> Installing for the tests: ${need[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo mkdir -p /etc/postgresql-common
    grep -qs "create_main_cluster = false" /etc/postgresql-common/createcluster.conf \
      || echo "create_main_cluster = false" | $sudo tee -a /etc/postgresql-common/createcluster.conf > /dev/null
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o Dpkg::Options::=--force-confold "${need[@]}"
  fi
  if [ ! -e src/widget/node_modules/@orleanschat/client ]; then
    echo "==> Installing the widget's npm packages"
    (cd src/widget && npm ci --no-audit --no-fund)
  fi
}

# The npm packages only the tests use: the test OpenID provider's and Azurite's. They install while the solution
# builds (mostly downloading while the build computes), and say what they did once it is built.
install_test_packages() {
  if [ ! -d tests/oidc-provider/node_modules ]; then
    echo "==> Installing the test OpenID provider's npm packages"
    (cd tests/oidc-provider && npm ci --no-audit --no-fund)
  fi
  if [ ! -d tests/azurite/node_modules ]; then
    echo "==> Installing Azurite (the Azure Storage emulator) for the file store tests"
    (cd tests/azurite && npm ci --no-audit --no-fund)
  fi
}

install_missing || echo "Could not install every test dependency; the tests that need them will say what is missing."
install_test_packages > "$results/test-packages.log" 2>&1 &
test_packages=$!

# Release, as it ships: the tests run the code the deployments run.
built=true
dotnet restore OrleansChat.sln && dotnet build OrleansChat.sln -c Release --no-restore || built=false
wait "$test_packages" || echo "Could not install the tests' npm packages; the tests that need them will say what is missing."
cat "$results/test-packages.log"
if [ "$built" != true ]; then
  echo "The build failed: no test ran."
  failed=1
  summary
  exit 1
fi

# The client libraries' packages build, into the temporary directory (the work tree stays clean): each counts as a
# test, passed when its package file is there.
package_builds() {
  local what="$1" file="$2"
  shift 2
  echo "==> $*"
  if "$@" && compgen -G "$results/packages/$file" > /dev/null; then
    passed=$((passed + 1))
  else
    echo "The $what package did not build: counted as one failure."
    failed=$((failed + 1))
  fi
}
package_builds ".NET client library's" "OrleansChat.Client.*.nupkg" dotnet pack src/OrleansChat.Client -c Release --no-build --output "$results/packages"
package_builds "TypeScript client's" "orleanschat-client-*.tgz" \
  npm pack --prefix src/widget --workspace @orleanschat/client --pack-destination "$results/packages" --silent

for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "==> $name"
  dotnet test "$project" -c Release --no-build --blame-hang-timeout 10m \
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

# The widget's unit tests (outbox, timeline, backoff, links) under node's test runner, counted from its TAP report.
echo "==> widget (node --test)"
tap="$results/widget.tap"
if (cd src/widget && node build.mjs --tests \
    && node --test --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$tap" test-dist/); then
  code=0
else
  code=1
fi
tap_count() { grep -o "^# $1 [0-9]*" "$tap" | grep -o '[0-9]*$' || echo 0; }
if [ -f "$tap" ]; then
  passed=$((passed + $(tap_count pass)))
  failed=$((failed + $(tap_count fail) + $(tap_count cancelled)))
  skipped=$((skipped + $(tap_count skipped) + $(tap_count todo)))
fi
if [ "$code" -ne 0 ] && { [ ! -f "$tap" ] || [ "$(tap_count fail)" -eq 0 ]; }; then
  echo "The widget's unit tests exited with $code without a failed test: counted as one failure."
  failed=$((failed + 1))
fi

summary
[ "$failed" -eq 0 ]
