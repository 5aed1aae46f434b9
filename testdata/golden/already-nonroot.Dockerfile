FROM debian:bookworm-slim
RUN groupadd -g 10001 app && useradd -u 10001 -g app app
COPY app /app
USER 10001:10001
CMD ["/app"]
