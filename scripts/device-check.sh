#!/usr/bin/env bash
# Proves the CUDA path on a lent GPU machine that has CUDA, PyTorch and CMake but no .NET and no network.
#
#   scripts/device-check.sh pack   here: publishes reftc and the bench self-contained into device/
#                                  (git-ignored), as device/reft-device.tar.xz
#                                  when the folder would not fit the device tool's 64 MiB carry limit
#   scripts/device-check.sh run    there, in the repo root with $OUT set: builds the shim against the
#                                  machine's PyTorch, then nvidia-smi, reftc doctor, a timed arith run and
#                                  the torch and rollout benchmarks, all logged to $OUT/device-check.log
#
# docs/device.md has the exact device call. Knobs for a dry run on a CPU machine:
#   REFT_DEVICE_CHECK_QUICK=1      skip the arith run and the benchmarks
#   REFT_DEVICE_CHECK_BUDGET=S     seconds the whole run may take (default 520, under the call's 540)
#   REFT_PACK_ARTIFACTS=DIR        intermediate build folder of pack (default build/device-pack)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

device_dir=device
archive="$device_dir/reft-device.tar.xz"
carry_limit_mib=60

pack() {
  set -e
  local artifacts="${REFT_PACK_ARTIFACTS:-build/device-pack}"
  rm -rf "$device_dir"
  mkdir -p "$device_dir/app"
  # Not trimmed: reftc compiles generated code with Roslyn against the framework assemblies beside it.
  for project in src/Reftc/reftc.csproj bench/Reft.Bench/Reft.Bench.csproj; do
    echo "publishing $project"
    dotnet publish "$project" -c Release -r linux-x64 --self-contained true -p:PublishTrimmed=false \
      --artifacts-path "$artifacts" -o "$device_dir/app" -nologo -v quiet -clp:NoSummary
  done
  # The GPU machine builds its own shim against its CUDA libtorch; this one links this machine's.
  rm -f "$device_dir/app/libreft_native.so"
  smoke_test
  bundle_icu
  local size_mib
  size_mib=$(du -sm "$device_dir" | cut -f1)
  echo "published: ${size_mib} MiB in $device_dir/ (app $(du -sm "$device_dir/app" | cut -f1) MiB, icu $(du -sm "$device_dir/icu" 2>/dev/null | cut -f1) MiB)"
  if ((size_mib > carry_limit_mib)); then
    XZ_OPT=-9 tar -cJf "$archive.partial" -C "$device_dir" app icu
    rm -rf "$device_dir/app" "$device_dir/icu"
    mv "$archive.partial" "$archive"
    echo "compressed: $(du -m "$archive" | cut -f1) MiB in $archive"
  fi
  local total_mib
  total_mib=$(du -sm "$device_dir" | cut -f1)
  if ((total_mib > carry_limit_mib)); then
    echo "error: $device_dir/ is ${total_mib} MiB, over the ${carry_limit_mib} MiB that may be carried to the device" >&2
    exit 1
  fi
  echo "ready: carry [\"$device_dir\"] and run scripts/device-check.sh run"
}

# The published reftc must compile specs by itself: Roslyn against the framework it carries.
smoke_test() {
  local scratch
  scratch=$(mktemp -d)
  "$device_dir/app/reftc" check examples/arith.reft
  REFT_CACHE_DIR="$scratch/cache" "$device_dir/app/reftc" build examples/arith.reft -o "$scratch"
  rm -rf "$scratch"
}

# .NET needs ICU for globalization (the tokenizer's NFC normalization); GPU images often lack it,
# so this machine's libicu travels along and is used only where the system has none.
bundle_icu() {
  local uc
  uc=$(ls /usr/lib/x86_64-linux-gnu/libicuuc.so.[0-9]* 2>/dev/null | grep -E '\.so\.[0-9]+$' | head -1)
  [[ -n "$uc" ]] || { echo "warning: no libicu here to bundle; the device falls back to invariant globalization" >&2; return; }
  local major=${uc##*.so.}
  mkdir -p "$device_dir/icu"
  for lib in uc i18n data; do
    cp -L "/usr/lib/x86_64-linux-gnu/libicu$lib.so.$major" "$device_dir/icu/"
  done
}

run() {
  local out="${OUT:?run expects \$OUT, the folder whose files come back from the device}"
  mkdir -p "$out"
  exec > >(tee -a "$out/device-check.log") 2>&1
  local started=$SECONDS budget="${REFT_DEVICE_CHECK_BUDGET:-520}" failures=()
  remaining() { echo $((budget - (SECONDS - started))); }
  step() { echo; echo "== $* ($(date -u +%H:%M:%S), $(remaining) s left)"; }

  step "unpack"
  local app
  app=$(unpack) || { echo "error: nothing to run: carry [\"$device_dir\"] after scripts/device-check.sh pack"; exit 1; }
  echo "app: $app"
  use_icu "$app"
  export REFT_CACHE_DIR="$root/build/device-cache"

  step "native shim against this machine's libtorch"
  if build_native && cp build/native/libreft_native.so "$app/"; then
    ldd "$app/libreft_native.so" | grep -E 'lib(torch|c10|cuda|cudart)' | head -8
  else
    failures+=("native build")
  fi

  step "nvidia-smi -L"
  local gpus
  gpus=$(nvidia-smi -L 2>&1 | grep -c '^GPU ')
  nvidia-smi -L || echo "(no nvidia-smi or no GPU)"

  step "reftc doctor"
  local doctor_report doctor_status
  doctor_report=$("$app/reftc" doctor 2>&1)
  doctor_status=$?
  echo "$doctor_report"
  ((doctor_status == 0)) || failures+=("doctor")
  # A skip is fine on a CPU machine, but where the driver sees GPUs it means the CUDA path is unproven.
  if ((gpus > 0)) && [[ "$doctor_report" == *"no CUDA device"* ]]; then
    failures+=("reftc sees no CUDA device although nvidia-smi lists $gpus (a CPU-only libtorch?)")
  fi

  if [[ "${REFT_DEVICE_CHECK_QUICK:-0}" == 1 ]]; then
    echo; echo "REFT_DEVICE_CHECK_QUICK=1: arith run and benchmarks skipped"
  else
    # The benchmarks are short; the arith run gets what they leave, at most 300 s.
    local arith_limit=$(( $(remaining) - 140 ))
    ((arith_limit > 300)) && arith_limit=300
    step "reftc run examples/arith.reft (limit ${arith_limit} s)"
    if ((arith_limit > 30)); then
      timeout -k 10 "$arith_limit" "$app/reftc" run examples/arith.reft --out "$out/arith-cuda"
      report_status "arith run" $?
      # The metrics prove the run; the weights would only slow down what comes back.
      rm -rf "$out/arith-cuda/checkpoints"
    else
      echo "skipped: too little time left"
    fi

    local bench_limit=$(( $(remaining) - 10 ))
    ((bench_limit > 200)) && bench_limit=200
    step "Reft.Bench torch rollout (limit ${bench_limit} s)"
    if ((bench_limit > 20)); then
      timeout -k 10 "$bench_limit" "$app/Reft.Bench" torch rollout
      report_status "bench" $?
    else
      echo "skipped: too little time left"
    fi
  fi

  step "done"
  if ((${#failures[@]})); then
    echo "device check: FAILED: ${failures[*]}"
    exit 1
  fi
  echo "device check: all steps ok"
}

report_status() {
  local name=$1 status=$2
  case $status in
    0) ;;
    124|137) echo "$name: stopped at its time limit (what it wrote is kept)" ;;
    *) failures+=("$name (exit $status)") ;;
  esac
}

# Prints the folder holding reftc: device/app as carried, or the archive unpacked under build/.
unpack() {
  if [[ -x "$device_dir/app/reftc" ]]; then
    echo "$root/$device_dir/app"
  elif [[ -f "$archive" ]]; then
    rm -rf build/device && mkdir -p build/device
    tar -xJf "$archive" -C build/device >&2 || return 1
    echo "$root/build/device/app"
  else
    return 1
  fi
}

use_icu() {
  local app=$1 icu
  icu="$(dirname "$app")/icu"
  # Not `ldconfig -p | grep -q`: grep stops early and pipefail turns ldconfig's SIGPIPE into a miss.
  if [[ "$(ldconfig -p 2>/dev/null)" == *libicuuc.so* ]]; then
    echo "ICU: the system's"
  elif [[ -d "$icu" ]]; then
    export LD_LIBRARY_PATH="$icu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "ICU: bundled ($(ls "$icu" | tr '\n' ' '))"
  else
    export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
    echo "ICU: none; invariant globalization"
  fi
}

# CMake finds pip PyTorch through python3 (see src/Runtime/Native/CMakeLists.txt) and writes
# build/native/libreft_native.so. A CUDA PyTorch's CMake config demands the CUDA toolkit, which a
# machine with only the driver and the wheel's nvidia-* packages lacks; then g++ builds it directly.
build_native() {
  local log=build/native-cmake-cuda.log jobs python
  jobs=$(nproc)
  python=$(command -v python3)  # the python3 whose torch CMake should find, not whichever CMake meets first
  mkdir -p build
  if [[ "${REFT_DEVICE_CHECK_FORCE_GXX:-0}" != 1 ]] \
    && cmake -S src/Runtime/Native -B build/native-cmake-cuda -DCMAKE_BUILD_TYPE=Release \
      ${python:+"-DPython3_EXECUTABLE=$python"} > "$log" 2>&1 \
    && cmake --build build/native-cmake-cuda -j "$jobs" >> "$log" 2>&1; then
    grep -E 'Found Torch|CUDA' "$log" | head -5
    echo "built with CMake (log: $log)"
    return 0
  fi
  [[ "${REFT_DEVICE_CHECK_FORCE_GXX:-0}" == 1 ]] || { echo "CMake failed; its log ends:"; tail -15 "$log"; }
  build_native_with_gxx
}

build_native_with_gxx() {
  local torch_root abi
  torch_root="${REFT_TORCH_ROOT:-$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null)}"
  abi="${REFT_TORCH_CXX11_ABI:-$(python3 -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))' 2>/dev/null)}"
  if [[ -z "$torch_root" || -z "$abi" ]]; then
    echo "error: python3 cannot import torch, so there is no libtorch to build against" >&2
    return 1
  fi
  echo "building with g++ against $torch_root (CXX11 ABI $abi)"
  local flags=(-std=c++17 -O2 -fPIC -fvisibility=hidden -w "-D_GLIBCXX_USE_CXX11_ABI=$abi"
    -I src/Runtime/Native -I "$torch_root/include" -I "$torch_root/include/torch/csrc/api/include")
  local libs=(-ltorch -ltorch_cpu -lc10)
  if [[ -f "$torch_root/lib/libc10_cuda.so" ]]; then
    flags+=(-DREFT_WITH_CUDA=1)
    libs+=(-ltorch_cuda -lc10_cuda)
    # cuda_runtime_api.h and friends: from the toolkit if any, else from the wheel's nvidia-* packages.
    local include
    for include in "${CUDA_HOME:-/usr/local/cuda}/include" "$torch_root"/../nvidia/*/include; do
      [[ -d "$include" ]] && flags+=(-I "$include")
    done
  fi
  local objects=build/native-gxx
  rm -rf "$objects" && mkdir -p "$objects" build/native
  printf '%s\n' src/Runtime/Native/*.cpp | xargs -P "$(nproc)" -I{} sh -c \
    'g++ "$@" -c "{}" -o "'"$objects"'/$(basename "{}" .cpp).o"' _ "${flags[@]}" || return 1
  # --no-as-needed keeps libtorch_cuda, whose kernels register themselves but are never called by name.
  g++ -shared -o build/native/libreft_native.so "$objects"/*.o -L "$torch_root/lib" \
    -Wl,--no-as-needed "${libs[@]}" -Wl,--as-needed "-Wl,-rpath,$torch_root/lib"
}

case "${1:-}" in
  pack) pack ;;
  run) run ;;
  *) echo "usage: scripts/device-check.sh pack|run (see the comment at its top)" >&2; exit 2 ;;
esac
