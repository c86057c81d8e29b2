# pledgewatch: one process running every configured adapter and the reminder loop.
# docker build -t pledgewatch . && docker run --env-file .env -v pledgewatch-data:/data pledgewatch
FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be had.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-slim
ENV NODE_ENV=production \
    PLEDGEWATCH_DATA_DIR=/data \
    PLEDGEWATCH_CORPUS_DIR=/app/index-data/corpus
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
COPY index-data ./index-data
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
# /healthz is served only when PLEDGEWATCH_HEALTH_PORT is set (e.g. 8080, with PLEDGEWATCH_HEALTH_HOST=0.0.0.0).
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
