# Installs Debian packages that are missing, and only those: a machine that already has
# them pays one dpkg-query. Sourced by scripts/bootstrap.sh.

ensure_apt_packages() {
  local missing=()
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0

  echo "[bootstrap] installing Debian packages: ${missing[*]}"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "[bootstrap] need root (or sudo) to install: ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  # The package lists of a fresh machine are empty or stale; refresh them once per run.
  if [[ -z ${VETMEET_APT_UPDATED:-} ]]; then
    "${sudo[@]}" apt-get update -qq
    export VETMEET_APT_UPDATED=1
  fi
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
