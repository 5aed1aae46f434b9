FROM golang:1.22
WORKDIR /go/src/app
COPY . .
RUN go build -o /bin/app

FROM debian:bookworm-slim
COPY --from=0 /bin/app /bin/app
CMD ["/bin/app"]
