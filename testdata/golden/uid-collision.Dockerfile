FROM node:20-slim
COPY . /app
CMD ["node", "/app/index.js"]
