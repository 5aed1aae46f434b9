FROM debian:bookworm-slim
CMD ["/app"]
COPY app /app
RUN chmod +x /app
