FROM debian:bookworm-slim
RUN groupadd -g 1500 web && useradd -u 1500 -g web -M web
USER web
RUN apt-get update && apt-get install -y curl
COPY site /var/www
CMD ["curl", "--version"]
