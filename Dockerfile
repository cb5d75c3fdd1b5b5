# syntax=docker/dockerfile:1
#
# cyberdiplo as a small, static, non-root image.
#
#   docker build -t cyberdiplo --build-arg VERSION=$(git describe --tags --always) .
#   docker run -d --name cyberdiplo --restart unless-stopped \
#     -e CYBERDIPLO_TELEGRAM_TOKEN=... \
#     -v cyberdiplo-data:/data \
#     -p 127.0.0.1:9090:9090 \
#     cyberdiplo
#
# Configuration comes from CYBERDIPLO_* environment variables (see config.example.toml);
# a config file can be mounted and named with --config, e.g.
#   -v ./config.toml:/etc/cyberdiplo/config.toml:ro ... cyberdiplo --config /etc/cyberdiplo/config.toml
# Keep tokens in the environment (or an env file), never in the image.

ARG GO_VERSION=1.26

FROM golang:${GO_VERSION} AS build
WORKDIR /src
# Modules first, so that a code change does not download them again.
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
ARG VERSION=dev
# CGO_ENABLED=0: one static binary (the SQLite driver is pure Go). timetzdata embeds
# the time zone database, which /daily needs for zones like Asia/Jakarta, whatever
# the final image carries.
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata \
      -ldflags="-s -w -X main.version=${VERSION}" \
      -o /out/cyberdiplo ./cmd/cyberdiplo \
 && mkdir -p /out/data

# distroless/static: CA certificates (for the Telegram and Discord APIs), tzdata,
# /etc/passwd with the unprivileged user "nonroot" (65532), and nothing else: no shell.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/cyberdiplo /usr/local/bin/cyberdiplo
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
WORKDIR /data

# Defaults for a container: chat state in the /data volume, logs as JSON lines, and the
# listeners on all interfaces of the container (publish them with -p; the ops port
# with -p 127.0.0.1:9090:9090 to keep it on the host).
ENV CYBERDIPLO_STORAGE_PATH=/data/cyberdiplo.db \
    CYBERDIPLO_LOG_FORMAT=json \
    CYBERDIPLO_OPS_LISTEN=:9090
VOLUME ["/data"]

# 9090: ops endpoint (/healthz, /readyz, /metrics).
# 8443: Telegram webhook server (telegram.mode = "webhook"; set CYBERDIPLO_TELEGRAM_LISTEN=:8443).
# 8080: Discord HTTP interactions endpoint (discord.mode = "http"; set CYBERDIPLO_DISCORD_LISTEN=:8080).
EXPOSE 9090 8443 8080

# No HEALTHCHECK: the image has no shell or HTTP client. Point the orchestrator's
# probes at GET /healthz (liveness) and GET /readyz (readiness) on port 9090.
ENTRYPOINT ["/usr/local/bin/cyberdiplo"]
