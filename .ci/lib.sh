# Helpers of .ci/run (sourced, not executed).
# shellcheck shell=bash

CI_EXIT=0
SUMMARY_LINE=""
_PHASE_NAMES=()
_PHASE_SECONDS=()
_PHASE_NAME=""
_PHASE_START=0

phase() {
    _PHASE_NAME="$1"
    _PHASE_START=$SECONDS
    printf '\n==== %s (started %s) ====\n' "$1" "$(date -u +%H:%M:%S)"
}

phase_end() {
    local took=$((SECONDS - _PHASE_START))
    _PHASE_NAMES+=("$_PHASE_NAME")
    _PHASE_SECONDS+=("$took")
    printf '==== %s: %dm%02ds ====\n' "$_PHASE_NAME" $((took / 60)) $((took % 60))
}

print_timings() {
    local i
    echo
    echo "Timings:"
    for i in "${!_PHASE_NAMES[@]}"; do
        printf '  %-28s %dm%02ds\n' "${_PHASE_NAMES[$i]}" $((_PHASE_SECONDS[i] / 60)) $((_PHASE_SECONDS[i] % 60))
    done
    printf '  %-28s %dm%02ds\n' "total" $((SECONDS / 60)) $((SECONDS % 60))
}

fail() {
    echo "CI FAILED: $*" >&2
    [[ ${#_PHASE_NAMES[@]} -gt 0 ]] && print_timings >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------------------------------
# A throwaway PostgreSQL cluster on 127.0.0.1, owned by the postgres user (the server refuses to run as root), with
# password authentication (postgres/postgres) over TCP and durability switched off. Always Debian's binaries:
# /usr/local/bin may hold stray ones. Sets PG_PORT; stopped and deleted on exit.
PG_DIR=""
PG_BIN=""
PG_PORT=""

_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_postgres() {
    if [[ -n "$PG_DIR" && -f "$PG_DIR/data/postmaster.pid" ]]; then
        echo "Stopping PostgreSQL on port $PG_PORT."
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [[ -n "$PG_DIR" ]]; then
        rm -rf "$PG_DIR"
    fi
    PG_DIR=""
}

start_postgres() {
    local out="$1" version_dir
    version_dir="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$version_dir" && -x "$version_dir/bin/initdb" ]] || fail "no PostgreSQL server found under /usr/lib/postgresql/<version>/bin (package postgresql)."
    PG_BIN="$version_dir/bin"
    id postgres >/dev/null 2>&1 || fail "the postgres system user is missing (package postgresql)."

    PG_PORT="${RECIPROCA_CI_PG_PORT:-5433}"
    while _port_in_use "$PG_PORT"; do
        echo "Port $PG_PORT is taken; trying $((PG_PORT + 1))."
        PG_PORT=$((PG_PORT + 1))
    done

    PG_DIR="$(mktemp -d /tmp/reciproca-ci-pg.XXXXXX)"
    trap stop_postgres EXIT
    printf 'postgres\n' >"$PG_DIR/password"
    chown -R postgres:postgres "$PG_DIR"
    chmod 700 "$PG_DIR"

    echo "Using $PG_BIN ($("$PG_BIN/postgres" --version))."
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/password" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >"$out/initdb.log" 2>&1 \
        || { cat "$out/initdb.log"; fail "initdb failed."; }
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null \
        || { cat "$PG_DIR/server.log" 2>/dev/null; fail "PostgreSQL did not start."; }
    PGPASSWORD=postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc 'select version()' \
        || fail "cannot connect to PostgreSQL on 127.0.0.1:$PG_PORT with the postgres password."
}

# ---------------------------------------------------------------------------------------------------------------------
# Counts from the TRX reports (one per test module), checked against the platform's own "Test run summary";
# sets SUMMARY_LINE ("N passed, N failed, N skipped") and CI_EXIT.
_count() { { grep -oE "$1" "$2" || true; } | wc -l; }
_test_names() { # outcome regex, files...
    local outcome="$1"
    shift
    { grep -hoE "<UnitTestResult [^>]*outcome=\"($outcome)\"" "$@" /dev/null || true; } \
        | { grep -oE 'testName="[^"]*"' || true; } | sed -E 's/^testName="(.*)"$/  \1/; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' | sort
}
_last_count() { grep -E "^[[:space:]]+$1:[[:space:]]+[0-9]+" "$2" | tail -n 1 | grep -oE '[0-9]+' || true; }

summarize_tests() {
    local log="$1" results="$2" status="$3"
    local passed=0 failed=0 skipped=0 trx_files=() trx total_c failed_c passed_c skipped_c

    shopt -s nullglob
    trx_files=("$results"/*.trx)
    shopt -u nullglob
    for trx in "${trx_files[@]}"; do
        passed=$((passed + $(_count '<UnitTestResult [^>]*outcome="Passed"' "$trx")))
        failed=$((failed + $(_count '<UnitTestResult [^>]*outcome="(Failed|Error|Timeout|Aborted)"' "$trx")))
        skipped=$((skipped + $(_count '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx")))
    done

    # The platform's summary also counts modules that crashed before writing a report: when it says more, trust it.
    total_c="$(_last_count total "$log")"
    failed_c="$(_last_count failed "$log")"
    passed_c="$(_last_count succeeded "$log")"
    skipped_c="$(_last_count skipped "$log")"
    if [[ -n "$total_c" && "$total_c" -gt $((passed + failed + skipped)) ]]; then
        echo "Note: the TRX reports hold $((passed + failed + skipped)) results, the run summary $total_c; using the run summary."
        passed="${passed_c:-0}" failed="${failed_c:-0}" skipped="${skipped_c:-0}"
    fi

    echo
    CI_EXIT=0
    if [[ "$status" != 0 ]]; then
        if [[ "$status" == 124 || "$status" == 137 ]]; then
            echo "The tests did not finish in time (exit $status)."
        else
            echo "dotnet test exited with $status."
        fi
        CI_EXIT=1
    fi
    if [[ "$failed" -gt 0 ]]; then
        echo "Failed tests:"
        _test_names 'Failed|Error|Timeout|Aborted' "${trx_files[@]}"
        CI_EXIT=1
    fi
    if [[ "$skipped" -gt 0 ]]; then
        echo "Skipped tests:"
        _test_names NotExecuted "${trx_files[@]}"
        echo "Reasons (from the test output):"
        { grep -A1 -E '^skipped ' "$log" || true; } | sed 's/^/  /'
        if [[ "${CI:-false}" == true ]]; then
            echo "With CI=true nothing may skip: a missing server, browser or data file is a failure."
            CI_EXIT=1
        fi
    fi
    if [[ $((passed + failed + skipped)) -eq 0 ]]; then
        echo "No test results at all."
        CI_EXIT=1
    fi
    echo "Test log: $log; reports: $results"
    SUMMARY_LINE="$passed passed, $failed failed, $skipped skipped"
}
