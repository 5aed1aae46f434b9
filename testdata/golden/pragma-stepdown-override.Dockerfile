FROM debian:bookworm-slim
COPY app /app
# Our gosu call is only for local development; harden anyway.
# dockerharden ignore=step-down-entrypoint
ENTRYPOINT ["gosu", "nobody", "/app"]
