#!/usr/bin/env bash
# npm run soak: raise the open-file limit (the D6 attack holds thousands of sockets), then run the attacks.
set -euo pipefail
cd "$(dirname "$0")/.."
hard=$(ulimit -Hn)
want=65536
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want=$hard; fi
ulimit -n "$want" 2>/dev/null || true
exec node dist/bench/soak.js "$@"
