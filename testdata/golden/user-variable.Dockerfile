FROM debian:bookworm-slim
ARG APP_USER=app
RUN useradd $APP_USER
COPY app /app
USER ${APP_USER}
CMD ["/app"]
