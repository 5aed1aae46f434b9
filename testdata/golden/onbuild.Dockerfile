FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y build-essential
ONBUILD COPY . /src
ONBUILD RUN make -C /src
CMD ["bash"]
