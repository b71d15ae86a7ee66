# The README's two commands are `make test` and `make run`; each installs what is missing and
# rebuilds only what is stale.
CONFIG      ?= Release
NATIVE_DIR  := build/native
NATIVE_LIB  := $(NATIVE_DIR)/libreft_native.so
NATIVE_SRC  := $(wildcard src/Runtime/Native/*.cpp src/Runtime/Native/*.h src/Runtime/Native/CMakeLists.txt)
DEPS_STAMP  := build/.deps-installed

.PHONY: test run bench build native deps clean

test: build
	@scripts/test.sh $(CONFIG)

run: build
	@./reftc run examples/arith.reft

bench: build
	@scripts/bench.sh

build: native
	@dotnet build reft.slnx -c $(CONFIG) --nologo -v quiet -clp:NoSummary -warnaserror

native: $(NATIVE_LIB)

deps: $(DEPS_STAMP)

$(DEPS_STAMP): scripts/install-deps.sh
	@scripts/install-deps.sh
	@mkdir -p build && touch $@

$(NATIVE_LIB): $(NATIVE_SRC) | $(DEPS_STAMP)
	@cmake -S src/Runtime/Native -B build/native-cmake -DCMAKE_BUILD_TYPE=Release $(if $(LIBTORCH),-DLIBTORCH=$(LIBTORCH)) > build/native-cmake.log
	@cmake --build build/native-cmake -j $$(nproc) >> build/native-cmake.log || (cat build/native-cmake.log; exit 1)

clean:
	rm -rf build artifacts src/*/bin src/*/obj tests/*/bin tests/*/obj
