# syntax=docker/dockerfile:1
# A typical two-stage Go service: build in golang, run on debian-slim.
ARG GO_VERSION=1.22

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux \
    go build -trimpath -ldflags="-s -w" -o /out/server ./cmd/server

FROM debian:bookworm-slim
LABEL org.opencontainers.image.source="https://example.com/acme/server"
ENV LANG=C.UTF-8 \
    APP_HOME=/srv/app \
    APP_PORT=8080
# Runtime dependencies only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl tzdata \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/app
COPY --from=build /out/server /usr/local/bin/server
COPY config/ /etc/server/
COPY static/ ./static/
VOLUME /srv/app/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s \
  CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["/usr/local/bin/server"]
CMD ["--config", "/etc/server/config.yaml"]
