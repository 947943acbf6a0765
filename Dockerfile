# The INS application image: one image, three commands (api, worker, migrate).
FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NODE_ENV=production INS_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY tsconfig.json ./
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api
COPY db ./db
COPY lib ./lib
COPY worker ./worker
COPY scripts ./scripts
COPY web ./web
USER node
EXPOSE 8080
CMD ["node", "--import", "tsx", "api/main.ts"]
