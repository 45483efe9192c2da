# Attention Lab: the two commands a user needs are `make run` and `make test`.
# Every dependency is a Debian 12 package; nothing is downloaded from anywhere else.

PACKAGES := cmake g++ make pkg-config libimgui-dev libglfw3-dev libeigen3-dev libgtest-dev \
            libbenchmark-dev libcairo2-dev libstb-dev libfreetype-dev nlohmann-json3-dev \
            fonts-dejavu-core libgl1-mesa-dri xvfb xauth
JOBS     ?= $(shell nproc)
BUILD    ?= build
ASAN     ?= build-asan

.PHONY: run test bench build models figures deps format clean

run: deps build
	./$(BUILD)/app/attention-lab

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

# All tests: the Release build (unit, CLI and GUI tests under Xvfb), then the engine tests again
# under AddressSanitizer and UndefinedBehaviorSanitizer.
test: deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DAL_ENGINE_ONLY=ON -DAL_SANITIZE=ON
	cmake --build $(ASAN) -j $(JOBS)
	cd $(ASAN) && ctest --output-on-failure -j $(JOBS)

bench: deps build
	./$(BUILD)/tests/attention-lab-bench
	LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1920x1200x24" ./$(BUILD)/tests/attention-lab-window-bench

# Remakes the demo models shipped in assets/models/ (deterministic: the same bytes every time with the
# same kernels; the shipped ones were made with the AVX-512 kernels, and the AVX2 or baseline kernels
# round some products differently, so they make models equal only to float rounding).
# The shipped models run all their tf.steps (no early stop), as they were made.
models: deps build
	./$(BUILD)/app/attention-lab train reverse --set tf.stop_accuracy=0 --out assets/models/reverse.safetensors
	./$(BUILD)/app/attention-lab train phrases --set tf.stop_accuracy=0 --out assets/models/phrases.safetensors
	./$(BUILD)/app/attention-lab train bahdanau --out assets/models/bahdanau.safetensors

# Every figure of the book (the d2l-… names of `figure --list`) as PNG and PDF in $(FIGURES).
FIGURES  ?= $(BUILD)/figures
figures: deps build
	mkdir -p $(FIGURES)
	for f in $$(./$(BUILD)/app/attention-lab figure --list | awk '$$1 ~ /^d2l-/ {print $$1}'); do \
	  for ext in png pdf; do \
	    ./$(BUILD)/app/attention-lab figure $$f --out $(FIGURES)/$$f.$$ext || exit 1; \
	  done; \
	done

# Installs what is missing when run as root; otherwise prints the exact command to run.
deps:
	@missing=$$(for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing: $$missing"; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	  else \
	    echo "Missing Debian packages. Run:"; \
	    echo "  sudo apt-get install -y" $$missing; \
	    exit 1; \
	  fi; \
	fi

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(ASAN)
