# Thin wrapper around CMake: the README's two commands.
#   make demo    install what is missing, build, run the demo
#   make check   install what is missing, build, run the whole suite through CTest
# SANITIZE=1 builds with AddressSanitizer + UBSan in build-asan/.

BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
ifeq ($(SANITIZE),1)
BUILD ?= build-asan
CMAKE_FLAGS += -DGORB_SANITIZE=ON
else
BUILD ?= build
endif
ifneq ($(CI),)
CMAKE_FLAGS += -DGORB_WERROR=ON
endif

.PHONY: all deps configure build demo check bench format clean

all: build

deps:
	@./tools/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./samples/personlist/demo.sh $(BUILD)

check: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	./bench/run.sh $(BUILD)

format:
	./tools/check-format.sh --fix

clean:
	rm -rf build build-asan
