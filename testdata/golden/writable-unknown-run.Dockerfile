# A private base: its family is unknown, but the stage runs RUN, so it
# has a shell.
FROM registry.example.com/platform/runtime:4.2
WORKDIR /srv/app
COPY server /srv/app/server
RUN chmod 0755 /srv/app/server
CMD ["/srv/app/server"]
