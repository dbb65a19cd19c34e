#!/usr/bin/env bash
# npm run bench: raise the open-file limit as far as allowed, then run the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
hard=$(ulimit -Hn)
want=65536
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want=$hard; fi
ulimit -n "$want" 2>/dev/null || true
echo "bench: open-file limit $(ulimit -n)"
exec node dist/bench/main.js "$@"
