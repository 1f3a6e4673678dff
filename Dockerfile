# The service image: one runnable jar on a small JRE, as a non-root user.
#   docker build -t workflow-result-processor .
#   docker run --rm -e KAFKA_BOOTSTRAP_SERVERS=... -e API_KEY_FILE=/run/secrets/api-key workflow-result-processor run
# Every configuration key can be set as an environment variable (api.base-url -> API_BASE_URL).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline > /tmp/go-offline.log 2>&1 || true
COPY src ./src
RUN mvn -B -q package -DskipTests -Dspotless.check.skip=true > /tmp/package.log 2>&1 \
    || (cat /tmp/package.log; exit 1)

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 wrp \
    && useradd --system --uid 10001 --gid wrp --home-dir /app --shell /usr/sbin/nologin wrp \
    && mkdir -p /app /var/lib/wrp/state \
    && chown -R wrp:wrp /var/lib/wrp
WORKDIR /app
COPY --from=build /src/target/workflow-result-processor.jar /app/workflow-result-processor.jar
USER 10001:10001
ENV STATE_DIR=/var/lib/wrp/state \
    HTTP_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/wrp/state"]
EXPOSE 8080
# exec form: the JVM is PID 1 and gets SIGTERM, so `docker stop` shuts down cleanly
ENTRYPOINT ["java", "-jar", "/app/workflow-result-processor.jar"]
CMD ["run"]
