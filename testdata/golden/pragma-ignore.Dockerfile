FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl
# The config must stay root-owned.
# dockerharden ignore=DH002
COPY app.conf /etc/app.conf
COPY app /app
CMD ["/app"]
