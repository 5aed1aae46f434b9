FROM alpine:3.20
RUN addgroup worker && adduser -D -G worker worker
COPY job.sh /job.sh
COPY --link extra.sh /extra.sh
CMD ["/job.sh"]
