FROM debian:bookworm-slim AS base
RUN apt-get update && apt-get install -y libssl3

FROM base AS runtime
COPY bin/service /usr/local/bin/service
CMD ["service"]
