FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y nginx && mkdir -p /srv/spool
ENV LOG_FILE=/var/log/myapp/app.log
COPY app /app
CMD ["/app", "--spool", "/srv/spool"]
