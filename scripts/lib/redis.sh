# Keeps Debian's system-wide Redis off. Sourced by scripts/bootstrap.sh.
#
# Installing the redis-server package enables redis-server.service, and starts it where systemd
# runs, on the standard port 6379: a database nobody configured. The tests start their own
# redis-server on a free loopback port (test/support/redis.ts).

keep_system_redis_stopped() {
  command -v systemctl >/dev/null || return 0
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  if systemctl is-enabled --quiet redis-server.service 2>/dev/null; then
    echo "[bootstrap] disabling the system redis-server service (tests run their own)"
    "${sudo[@]}" systemctl disable --quiet redis-server.service
  fi
  # Only where systemd runs can the service be running; elsewhere `is-active` has nothing to ask.
  if [[ -d /run/systemd/system ]] && systemctl is-active --quiet redis-server.service; then
    echo "[bootstrap] stopping the system redis-server service"
    "${sudo[@]}" systemctl stop redis-server.service
  fi
}
