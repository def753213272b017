#!/usr/bin/env bash
# Installs the Debian packages the OpenMvSsl tests need, only when they are missing.
# Idempotent: when everything is present it runs no apt command at all and takes well
# under a second. Prints one line per package: "<package>: present" or "<package>: installed".
#
# Needed by the interop tests:
#   openssl          openssl s_server / s_client (TLS and DTLS peers, test PKI)
#   gnutls-bin       gnutls-serv / gnutls-cli (TLS and DTLS peers)
#   libmbedtls-dev   mbedTLS 2.28 headers and libraries (the C bindings are built against it)
#   cmake, build-essential   building the C bindings library
#   valgrind         memcheck over the C library's tests
# Debian ships no mbedTLS example programs (ssl_server2, ssl_client2, dtls_server, ...):
# neither libmbedtls-dev nor any other package has them, so mbedTLS as a peer is reached
# through the project's own C code instead.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

# package name, then a command that proves it is usable (empty: dpkg status only).
packages=(
  "openssl|openssl"
  "gnutls-bin|gnutls-serv"
  "libmbedtls-dev|"
  "cmake|cmake"
  "build-essential|gcc"
  "valgrind|valgrind"
  "bzip2|bzip2"
  "debian-archive-keyring|"
)

is_installed() {
  local package="$1" probe="$2"
  local status
  status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || return 1
  if [ -n "$probe" ]; then
    command -v "$probe" >/dev/null 2>&1 || return 1
  fi
  return 0
}

missing=()
for entry in "${packages[@]}"; do
  package="${entry%%|*}"
  probe="${entry#*|}"
  if is_installed "$package" "$probe"; then
    echo "$package: present"
  else
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo -n)
  else
    for package in "${missing[@]}"; do echo "$package: MISSING (not root and no sudo: run as root to install)"; done
    exit 1
  fi
fi

"${sudo_cmd[@]}" apt-get update -qq
# A failed install is reported per package below rather than stopping here.
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || true

status=0
for package in "${missing[@]}"; do
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    echo "$package: installed"
  else
    echo "$package: FAILED to install"
    status=1
  fi
done
exit "$status"
