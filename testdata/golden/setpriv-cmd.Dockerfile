FROM debian:bookworm-slim
COPY app /app
CMD setpriv --reuid=1000 --regid=1000 --clear-groups /app
