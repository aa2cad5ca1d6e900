# The 渝好关爱 api as a container image: build the jar first (mvn -B -DskipTests package), then
#   docker build -t yuhao-care .
#   docker run -p 8080:8080 --env-file /etc/yuhao-care/env -v yuhao-data:/var/lib/yuhao-care yuhao-care
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/yuhao-care --create-home --uid 10001 yuhao
COPY api/target/yuhao-care-api.jar /opt/yuhao-care/yuhao-care-api.jar
COPY run.sh /opt/yuhao-care/run.sh
ENV YUHAO_JAR=/opt/yuhao-care/yuhao-care-api.jar DATA_DIR=/var/lib/yuhao-care PORT=8080
USER 10001
WORKDIR /var/lib/yuhao-care
VOLUME /var/lib/yuhao-care
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/ready || exit 1
ENTRYPOINT ["/opt/yuhao-care/run.sh"]
CMD ["serve"]
