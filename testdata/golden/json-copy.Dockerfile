FROM debian:bookworm-slim
COPY ["my file.txt", "/data/my file.txt"]
ADD ["https://example.com/tool.tar.gz", "/opt/"]
CMD ["cat", "/data/my file.txt"]
