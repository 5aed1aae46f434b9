FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y procps
COPY run.sh /run.sh
USER root
CMD ["/run.sh"]
