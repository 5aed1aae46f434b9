FROM node:20 AS deps
USER root
RUN apt-get update && apt-get install -y python3 make g++
COPY package.json package-lock.json ./
RUN npm ci

FROM node:20 AS build
COPY --from=deps /node_modules ./node_modules
COPY . .
RUN npm run build

FROM debian:bookworm-slim
COPY --from=build /dist /srv/www
CMD ["/srv/www/serve"]
