FROM debian:bookworm-slim
# install
RUN apt-get update && \
    apt-get install -y curl
COPY app /app
CMD ["/app"]
