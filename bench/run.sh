#!/usr/bin/env bash
# npm run bench (and npm run soak, with BENCH_MAIN=dist/bench/soak.js): raise the open-file limit as far as allowed, then run it.
set -euo pipefail
cd "$(dirname "$0")/.."
hard=$(ulimit -Hn)
want=65536
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want=$hard; fi
ulimit -n "$want" 2>/dev/null || true
echo "bench: open-file limit $(ulimit -n)"
exec node "${BENCH_MAIN:-dist/bench/main.js}" "$@"
