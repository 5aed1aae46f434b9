FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y ca-certificates \
 && groupadd --gid 5000 svc \
 && useradd --uid 5000 --gid svc --no-create-home svc
COPY svc /usr/local/bin/svc
CMD ["svc"]
