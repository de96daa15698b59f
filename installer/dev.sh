#!/usr/bin/env bash
# Developer entry point: installs what is missing (Debian 12), builds, and runs the demo or the tests.
#   bash installer/dev.sh demo    build, start kaiku-server with the demo network and open kaiku-admin
#   bash installer/dev.sh test    build and run the whole test suite: the unit, GUI and load tests in the normal
#                                 build; every test but the GUI ones under AddressSanitizer + UBSan (build-san,
#                                 with the fuzz targets); the server and sync tests under ThreadSanitizer
#                                 (build-tsan). KAIKU_SANITIZERS=0 runs the whole suite in the normal build only;
#                                 KAIKU_SAN_GUI=1 builds the window in build-san too and runs the GUI tests there.
#   bash installer/dev.sh deps    only install missing packages
# Environment: BUILD_DIR (default build), KAIKU_DEMO_SCALE (default 1), KAIKU_DEMO_PORT (default 8080),
#              KAIKU_USER (default coord-tre) and KAIKU_PASSWORD (default kaikukortti-demo) for the demo.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
build_dir=${BUILD_DIR:-build}

build_packages=(cmake make g++ pkg-config gettext
  libwxgtk3.2-dev wx3.2-i18n libgtk-3-dev libsecret-1-dev
  libsoci-dev libboost-dev libpq-dev libsqlite3-dev
  libcurl4-openssl-dev nlohmann-json3-dev libcpp-httplib-dev libsodium-dev doctest-dev
  libzip-dev libexpat1-dev libxlsxwriter-dev
  libcairo2-dev libzint-dev fonts-dejavu-core)
test_packages=(xvfb xauth xdotool dbus dbus-x11 at-spi2-core python3-pyatspi imagemagick gnome-themes-extra curl sqlite3
  openssl postgresql nodejs poppler-utils zbar-tools)
# The sanitizer and fuzzing trees (build-san, build-tsan) are built with clang; llvm-14 symbolizes their reports.
sanitizer_packages=(clang-14 libclang-rt-14-dev llvm-14)

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing packages: ${missing[*]}"
  local apt=(apt-get)
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then apt=(sudo apt-get); else
      echo "Missing packages: ${missing[*]}. Run this as root or install sudo." >&2; exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${apt[@]}" update -q
  "${apt[@]}" -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
}

build() {
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build_dir" -j "$(nproc)"
}

# Runs ctest in the current folder (extra arguments select tests). A GUI test drives a real X server and
# accessibility bus: one that failed runs once more (its first failure stays printed above); any other failed
# test fails the run at once.
run_ctest() {
  if ! ctest --output-on-failure --timeout 900 -j 2 "$@"; then
    local failed
    failed=$(sed -n 's/^[0-9]*://p' Testing/Temporary/LastTestsFailed.log)
    if [ -z "$failed" ] || grep -qv '^gui\.' <<<"$failed"; then exit 1; fi
    echo "GUI tests failed once, running them again: $(tr '\n' ' ' <<<"$failed")"
    ctest --output-on-failure --timeout 900 --rerun-failed
  fi
}

phases=()
phase() {
  phases+=("$(printf '  %-40s %4d s' "$1" $((SECONDS - $2)))")
  echo "== $1: $((SECONDS - $2)) s"
}

# Sanitizer options for every test of the sanitizer trees; suppressions (third-party code only) are in
# tests/sanitizers/.
sanitizer_environment() {
  local supp=$here/tests/sanitizers
  export ASAN_OPTIONS=detect_leaks=1:strict_init_order=1:detect_stack_use_after_return=1:abort_on_error=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$supp/lsan.supp:print_suppressions=0
  export TSAN_OPTIONS=suppressions=$supp/tsan.supp:halt_on_error=0:second_deadlock_stack=1
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
  export TSAN_SYMBOLIZER_PATH=$ASAN_SYMBOLIZER_PATH
}

case "${1:-}" in
  deps)
    install_missing "${build_packages[@]}" "${test_packages[@]}" "${sanitizer_packages[@]}"
    ;;
  test)
    install_missing "${build_packages[@]}" "${test_packages[@]}" "${sanitizer_packages[@]}"
    start=$SECONDS
    build
    phase "build" "$start"
    start=$SECONDS
    if [ "${KAIKU_SANITIZERS:-1}" = 0 ]; then
      (cd "$build_dir" && run_ctest)
      phase "tests" "$start"
      exit 0
    fi
    # The normal build runs what must be seen as users get it: the window (GUI tests through the accessibility
    # tree) and the latency bounds (load); every other test runs once, under the sanitizers below.
    (cd "$build_dir" && run_ctest -L "unit|gui|load")
    phase "unit, GUI and load tests" "$start"
    sanitizer_environment
    # Everything but the window under AddressSanitizer + UBSan, plus the fuzz targets (label fuzz,
    # KAIKU_FUZZ_SECONDS each).
    start=$SECONDS
    san_gui=OFF
    [ "${KAIKU_SAN_GUI:-0}" = 1 ] && san_gui=ON
    cmake --preset san -DKAIKU_BUILD_GUI=$san_gui >/dev/null
    cmake --build build-san -j "$(nproc)"
    phase "build-san" "$start"
    start=$SECONDS
    if [ $san_gui = ON ]; then (cd build-san && run_ctest); else (cd build-san && run_ctest -LE gui); fi
    phase "tests in build-san (with fuzz)" "$start"
    # The server and sync tests under ThreadSanitizer (KAIKU_TSAN=0 skips them).
    if [ "${KAIKU_TSAN:-1}" = 0 ]; then echo "Phases:"; printf '%s\n' "${phases[@]}"; exit 0; fi
    start=$SECONDS
    cmake --preset tsan >/dev/null
    cmake --build build-tsan -j "$(nproc)" --target kaiku-server kaikuctl integration_tests translations
    phase "build-tsan" "$start"
    start=$SECONDS
    (cd build-tsan && run_ctest -L integration -LE "postgres|contract|report")
    phase "server and sync tests in build-tsan" "$start"
    echo "Phases:"
    printf '%s\n' "${phases[@]}"
    ;;
  demo)
    install_missing "${build_packages[@]}"
    build
    data=${XDG_DATA_HOME:-$HOME/.local/share}/kaiku-admin/demo
    mkdir -p "$data"
    port=${KAIKU_DEMO_PORT:-8080}
    "$build_dir/server-stub/kaiku-server" --database "sqlite:$data/server.sqlite" --listen "127.0.0.1:$port" \
      --port-file "$data/server.port" --seed "demo:${KAIKU_DEMO_SCALE:-1}" 2>"$data/server.log" &
    server=$!
    trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
    for _ in $(seq 1 600); do
      [ -s "$data/server.port" ] && break
      kill -0 $server 2>/dev/null || { echo "kaiku-server failed to start:" >&2; tail -5 "$data/server.log" >&2; exit 1; }
      sleep 0.1
    done
    echo "kaiku-server: http://127.0.0.1:$port (log: $data/server.log)"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      echo "No display: the server runs; start the GUI on a desktop with:" >&2
      echo "  KAIKU_PASSWORD=kaikukortti-demo $build_dir/src/kaiku-admin --server http://127.0.0.1:$port --user coord-tre" >&2
      wait $server
    else
      KAIKU_PASSWORD=${KAIKU_PASSWORD:-kaikukortti-demo} "$build_dir/src/kaiku-admin" --server "http://127.0.0.1:$port" \
        --cache "$data/cache.sqlite" --user "${KAIKU_USER:-coord-tre}"
    fi
    ;;
  *)
    echo "Usage: bash installer/dev.sh demo|test|deps" >&2
    exit 2
    ;;
esac
