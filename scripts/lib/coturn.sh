# Keeps Debian's system-wide coturn off. Sourced by scripts/bootstrap.sh.
#
# Installing the coturn package enables coturn.service, and starts it where systemd runs, with
# /etc/turnserver.conf on the standard ports (3478, 5349): a relay nobody configured, on ports
# a deployment may need. The tests start their own turnserver on loopback (test/support/coturn.ts).

keep_system_coturn_stopped() {
  command -v systemctl >/dev/null || return 0
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  if systemctl is-enabled --quiet coturn.service 2>/dev/null; then
    echo "[bootstrap] disabling the system coturn service (tests run their own turnserver)"
    "${sudo[@]}" systemctl disable --quiet coturn.service
  fi
  # Only where systemd runs can the service be running; elsewhere `is-active` has nothing to ask.
  if [[ -d /run/systemd/system ]] && systemctl is-active --quiet coturn.service; then
    echo "[bootstrap] stopping the system coturn service"
    "${sudo[@]}" systemctl stop coturn.service
  fi
}
