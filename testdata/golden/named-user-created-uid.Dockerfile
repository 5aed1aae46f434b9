# The file creates its user with known IDs; USER names it.
FROM debian:bookworm-slim
RUN groupadd --gid 1500 svc \
 && useradd --uid 1500 --gid 1500 --create-home svc
COPY --chown=1500:1500 app /home/svc/app
USER svc
CMD ["/home/svc/app/run"]
