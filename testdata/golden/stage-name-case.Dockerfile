FROM debian:bookworm-slim AS Base
RUN apt-get update && apt-get install -y curl

FROM BASE
COPY app /app
CMD ["/app"]
