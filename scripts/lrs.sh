#!/usr/bin/env bash
# LRS xAPI 1.0.3 jetable pour les tests : xapi-statements 5.0.1 (Learning Locker), en mémoire, sur 127.0.0.1.
#   bash scripts/lrs.sh start   installe une fois (npm ci, lrs/package-lock.json) puis démarre et attend /xAPI/about ;
#                               affiche LRS_ENDPOINT=…, LRS_USER=…, LRS_PASSWORD=…, LRS_PID=… (à évaluer avec eval)
#   bash scripts/lrs.sh stop    arrête le LRS démarré par « start » (par son PID enregistré, rien d'autre)
# Variables : LRS_HOME (défaut : .lrs dans le dépôt), LRS_PORT (18081), LRS_WAIT_S (30), LRS_LOG_LEVEL (warn).
# Pas d'authentification réelle (AUTH_REPO=test : tout identifiant est accepté). Tout est perdu à l'arrêt.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LRS_HOME="${LRS_HOME:-$repo/.lrs}"; LRS_PORT="${LRS_PORT:-18081}"; LRS_WAIT_S="${LRS_WAIT_S:-30}"
entry="$LRS_HOME/node_modules/xapi-statements/dist/index.js"
pidfile="$LRS_HOME/lrs-$LRS_PORT.pid"; run="$LRS_HOME/run-$LRS_PORT"; log="$LRS_HOME/lrs-$LRS_PORT.log"

die() { echo "lrs.sh: $*" >&2; exit 1; }

install() {
  command -v node >/dev/null 2>&1 || die "node est introuvable : installez nodejs et npm (bash scripts/setup.sh --test le fait avec apt)."
  command -v npm >/dev/null 2>&1 || die "npm est introuvable : installez npm (bash scripts/setup.sh --test le fait avec apt)."
  mkdir -p "$LRS_HOME"
  if [ ! -f "$entry" ] || ! cmp -s "$repo/lrs/package-lock.json" "$LRS_HOME/package-lock.json"; then
    echo "lrs.sh: installation de xapi-statements (npm ci)…" >&2
    cp "$repo/lrs/package.json" "$repo/lrs/package-lock.json" "$LRS_HOME/"
    (cd "$LRS_HOME" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
  cat > "$LRS_HOME/bind-loopback.js" <<'JS'
// app.listen(port) écoute sur toutes les interfaces : on force 127.0.0.1.
const http = require('http');
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (port, ...rest) {
  if ((typeof port === 'number' || typeof port === 'string') && typeof rest[0] !== 'string') rest.unshift('127.0.0.1');
  return listen.call(this, port, ...rest);
};
JS
}

ready() {
  curl -fsS --max-time 2 -H 'X-Experience-API-Version: 1.0.3' "http://127.0.0.1:$LRS_PORT/xAPI/about" >/dev/null 2>&1
}

start() {
  install
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "lrs.sh: déjà démarré (pid $(cat "$pidfile"))" >&2
  elif curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$LRS_PORT/"; then
    die "le port $LRS_PORT est déjà utilisé"
  else
    rm -rf "$run" && mkdir -p "$run"
    ( cd "$run"
      EXPRESS_PORT="$LRS_PORT" AUTH_REPO=test EVENTS_REPO=test MODELS_REPO=memory STORAGE_REPO=local \
      FS_LOCAL_STORAGE_DIR="$run/storage" EXPRESS_MORGAN_DIRECTORY="$run/storage/accessLogs" \
      WINSTON_CONSOLE_LEVEL="${LRS_LOG_LEVEL:-warn}" \
      exec nohup node -r "$LRS_HOME/bind-loopback.js" "$entry" </dev/null >"$log" 2>&1 ) &
    echo $! > "$pidfile"
  fi
  local pid deadline
  pid="$(cat "$pidfile")"; deadline=$((SECONDS + LRS_WAIT_S))
  until ready; do
    kill -0 "$pid" 2>/dev/null || { echo "lrs.sh: le LRS s'est arrêté :" >&2; tail -n 30 "$log" >&2; rm -f "$pidfile"; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "lrs.sh: pas prêt après ${LRS_WAIT_S} s" >&2; tail -n 30 "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "LRS_ENDPOINT=http://127.0.0.1:$LRS_PORT/xAPI/"; echo "LRS_USER=ci"; echo "LRS_PASSWORD=ci"; echo "LRS_PID=$pid"
}

stop() {
  [ -f "$pidfile" ] || exit 0
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  install) install ;;
  *) echo "usage : bash scripts/lrs.sh start|stop|install" >&2; exit 2 ;;
esac
