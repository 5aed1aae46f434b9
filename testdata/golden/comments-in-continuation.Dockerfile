FROM debian:bookworm-slim
RUN apt-get update \
    # tools we need at run time
    && apt-get install -y \
        curl \

        jq \
    # keep the image small
    && rm -rf /var/lib/apt/lists/*
COPY app /app
CMD ["/app"]
