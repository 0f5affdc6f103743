# Furrow: build, run and test from a checkout. `make help` lists the targets.

MVN        ?= mvn
MVN_FLAGS  ?= -B
JAVA       ?= java
COMPOSE    ?= docker compose -f infra/docker-compose.yml
FARM_JAR   := local-farm/target/furrow-local-farm.jar
COMPONENT_JARS := api-server/target/furrow-api-server.jar \
                  scheduler-worker/target/furrow-scheduler-worker.jar \
                  render-agent/target/furrow-render-agent.jar
# Extra options for the local farm, e.g. make run FARM_ARGS="--agents 3 --external"
FARM_ARGS  ?=
BENCH_JAR  := bench/target/furrow-bench.jar

AGENT_DIST := render-agent/target/furrow-render-agent-dist.tar.gz

.PHONY: help build run test bench dist up down services

help:
	@echo "make build     compile and package every jar (mvn -B -DskipTests package)"
	@echo "make run       build if needed, then run the local farm (api-server, scheduler-worker, one agent);"
	@echo "               embedded MariaDB/broker unless FURROW_DB_URL / FURROW_AMQP_URL are set; FARM_ARGS=... passes options"
	@echo "make test      the whole test suite (mvn -B verify); needs the local MariaDB and RabbitMQ (make services)"
	@echo "make bench     build, then run the speed benchmarks (BENCH="submit logs" picks some); figures go in BENCHMARKS.md"
	@echo "make dist      the render agent's install directory as a tarball in render-agent/target (docs/agent.md, Install)"
	@echo "make services  start the local MariaDB and RabbitMQ if they are not running"
	@echo "make up/down   start/stop MySQL 8, RabbitMQ and Mailpit with Docker Compose (infra/docker-compose.yml)"

build:
	$(MVN) $(MVN_FLAGS) -DskipTests package

# Builds only when a jar is missing; run `make build` yourself after changing code.
run:
	@for jar in $(FARM_JAR) $(COMPONENT_JARS); do \
		if [ ! -f "$$jar" ]; then echo "$$jar is missing; building"; $(MVN) $(MVN_FLAGS) -DskipTests package || exit 1; break; fi; \
	done
	$(JAVA) -jar $(FARM_JAR) --root "$(CURDIR)" $(FARM_ARGS)

test:
	$(MVN) $(MVN_FLAGS) verify

# Builds the component jars and the benchmark jar, then runs the benchmarks; pick some with BENCH="submit logs"
# (submit dispatch dispatch-1 dispatch-100 dispatch-1000 logs agent-idle agent-launch). Results: BENCHMARKS.md.
bench:
	$(MVN) $(MVN_FLAGS) -q -DskipTests package -pl api-server,scheduler-worker,render-agent,bench -am
	$(JAVA) -Dfurrow.root="$(CURDIR)" -jar "$(BENCH_JAR)" $(BENCH)

# The render agent's install directory (jar, JVM flags, GraalJS, bin/, systemd unit): unpack it in /opt on a node.
dist:
	$(MVN) $(MVN_FLAGS) -q -DskipTests package -pl render-agent -am
	@echo "$(AGENT_DIST): unpack it with tar xzf -C /opt, then see docs/agent.md (Install)"

services:
	infra/start-local-services

up:
	$(COMPOSE) up -d --wait

down:
	$(COMPOSE) down
