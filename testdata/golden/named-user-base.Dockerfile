FROM node:22-bookworm-slim
WORKDIR /home/node/app
COPY --chown=node:node package.json server.js ./
USER node
CMD ["node", "server.js"]
