FROM debian:bookworm-slim
WORKDIR /app
USER nobody
RUN apt-get update && apt-get install -y --no-install-recommends hello
COPY app.sh ./
CMD ["sh", "app.sh"]
