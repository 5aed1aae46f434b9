from debian:bookworm-slim
run apt-get update && apt-get install -y curl
workdir /app
copy . /app
cmd ["/app/start"]
