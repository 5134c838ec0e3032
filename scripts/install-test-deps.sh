#!/usr/bin/env bash
# Installs the real components the integration suites start: Debian's docker-registry,
# skopeo, htpasswd (apache2-utils), dockerd (docker.io), openssl and tinyproxy (a forward
# proxy), and GNU time for the benchmark. Needs root (or sudo).
set -euo pipefail
need=()
command -v docker-registry >/dev/null || need+=(docker-registry)
command -v skopeo >/dev/null || need+=(skopeo)
command -v htpasswd >/dev/null || need+=(apache2-utils)
command -v dockerd >/dev/null || need+=(docker.io)
command -v openssl >/dev/null || need+=(openssl)
command -v tinyproxy >/dev/null || need+=(tinyproxy) # the proxy suites; started by them only
[ -x /usr/bin/time ] || need+=(time) # the benchmark's memory figures
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The suites start their own tinyproxy on a free port; the package's service (port 8888, where
# the machine runs one) is not needed.
if [[ " ${need[*]} " == *" tinyproxy "* ]]; then
  $sudo systemctl disable --now tinyproxy >/dev/null 2>&1 || $sudo service tinyproxy stop >/dev/null 2>&1 || true
fi
