FROM golang:1.22 AS build
COPY . /src
RUN cd /src && CGO_ENABLED=0 go build -o /server .

FROM gcr.io/distroless/base-debian12:nonroot
COPY --from=build /server /server
ENTRYPOINT ["/server"]
