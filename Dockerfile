# The service image: one runnable jar on a small JRE, as a non-root user.
#   docker build -t workflow-result-processor .
#   docker run --rm -m 1g -e KAFKA_BOOTSTRAP_SERVERS=... -e API_KEY_FILE=/run/secrets/api-key workflow-result-processor run
# Every configuration key can be set as an environment variable (api.base-url -> API_BASE_URL).
# Base images are pinned to full versions: a rebuild gets the same JRE until this file changes.

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
# dependencies in a layer of their own, rebuilt only when pom.xml changes; a failure stops the build
RUN mvn -B -q dependency:go-offline > /tmp/go-offline.log 2>&1 \
    || (tail -n 50 /tmp/go-offline.log; exit 1)
COPY src ./src
RUN mvn -B -q package -DskipTests -Dspotless.check.skip=true > /tmp/package.log 2>&1 \
    || (tail -n 50 /tmp/package.log; exit 1)

FROM eclipse-temurin:17.0.16_8-jre
RUN groupadd --system --gid 10001 wrp \
    && useradd --system --uid 10001 --gid wrp --home-dir /app --shell /usr/sbin/nologin wrp \
    && mkdir -p /app /var/lib/wrp/state \
    && chown -R wrp:wrp /var/lib/wrp
WORKDIR /app
COPY --from=build /src/target/workflow-result-processor.jar /app/workflow-result-processor.jar
USER 10001:10001
# Memory (README, Memory): the heap takes half the container's limit; RocksDB's stores take
# aggregate.rocksdb.memory (128m) outside it; metaspace, code cache and direct buffers are capped
# below, and about 128m is left for threads, GC and the allocator. 1 GiB is the smallest limit
# that fits: heap 512m + RocksDB 128m + 128m + 64m + 64m + 128m. -XX:TieredStopAtLevel=1 is
# config/jvm.options (C1 only: README, JVM options).
ENV STATE_DIR=/var/lib/wrp/state \
    HTTP_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1 -XX:MaxRAMPercentage=50 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/wrp/state"]
EXPOSE 8080
# exec form: the JVM is PID 1 and gets SIGTERM, so `docker stop` shuts down cleanly
ENTRYPOINT ["java", "-jar", "/app/workflow-result-processor.jar"]
CMD ["run"]
