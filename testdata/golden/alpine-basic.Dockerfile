FROM alpine:3.20
RUN apk add --no-cache bash jq
COPY entry.sh /entry.sh
ENTRYPOINT ["/entry.sh"]
