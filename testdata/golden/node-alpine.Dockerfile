FROM node:20-alpine
WORKDIR /app
COPY . .
RUN apk add --no-cache git && npm install
CMD ["npm", "start"]
