FROM alpine:3.20
COPY app /app
CMD ["/app"]