# escape=`
FROM debian:bookworm-slim
RUN apt-get update `
 && apt-get install -y curl
WORKDIR /opt/tool
COPY tool /opt/tool/tool
CMD ["/opt/tool/tool"]
