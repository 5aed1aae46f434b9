ARG BASE=debian:bookworm-slim
ARG VERSION=1.0

FROM ${BASE}
ARG VERSION
RUN apt-get update && apt-get install -y curl
COPY dist/app-${VERSION} /usr/local/bin/app
CMD ["app"]
