# The INS application image: one image, three commands (api, worker, migrate).

# The web app is built with the dev dependencies (Vite, React), in a stage of its own.
FROM node:20-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY lib ./lib
COPY scripts/build-web.ts ./scripts/build-web.ts
COPY web ./web
RUN npx tsx scripts/build-web.ts

FROM node:20-bookworm-slim AS base
# The documents' font (lib/documents/pdf.ts): Liberation Serif 2, which has Vietnamese (fonts-liberation is 1.07 in bookworm).
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-liberation2 \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production INS_ENV=production
COPY package.json package-lock.json ./
COPY patches ./patches
# No install scripts, but the patches to dependencies (patches/, docs/adr/0182) are applied.
RUN npm ci --omit=dev --ignore-scripts && npx patch-package && npm cache clean --force
COPY tsconfig.json ./
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api
COPY db ./db
COPY lib ./lib
COPY worker ./worker
COPY scripts ./scripts
COPY web/fallback ./web/fallback
COPY --from=web /app/web/dist ./web/dist
# The workflow bundle, made once here: workers load it (WORKFLOW_BUNDLE_PATH in docker-compose.yml)
# and start without running webpack (lib/workflow-bundle.ts, docs/adr/0169).
RUN node --import tsx scripts/build-workflow-bundle.ts /app/dist/workflow-bundle.js
USER node
EXPOSE 8080
CMD ["node", "--import", "tsx", "api/main.ts"]
