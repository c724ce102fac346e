# sobot-slack: one container runs the bot (Socket Mode needs no public URL).
#   docker build -t sobot-slack .
#   docker run --env-file .env -v sobot-data:/data -p 3000:3000 sobot-slack
# Debian (glibc), not Alpine: @napi-rs/canvas's prebuilt binaries in package-lock.json are the
# linux-x64-gnu and linux-arm64-gnu ones only.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run `npm run build` before the sources are copied. The only
# install script in the lockfile is esbuild's (tsx, a dev tool); the canvas binary comes as an
# optional dependency and needs none. This layer is reused until the lockfile changes.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY reports ./reports
RUN npm run build
# Keep only runtime dependencies for the final stage.
RUN npm prune --omit=dev

FROM node:20-bookworm-slim
# Skia (@napi-rs/canvas) draws with the system fonts: Noto CJK so Chinese agent names in charts
# are not boxes, DejaVu for Latin text.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-noto-cjk fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# DATA_DIR is where the embedded store keeps state: mount a volume there to keep it across restarts.
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
# `npm start` would otherwise ask the registry for a newer npm on every start.
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
RUN mkdir -p /data && chown node:node /data
# Root-owned code, read-only to the process. package.json is needed at run time: its
# "type": "module" makes Node load dist/**/*.js as ES modules, and `npm start` reads its scripts.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml README.md ./
# The optional YAML config (digests, alerts, access) is not baked in: mount it and set
# BOT_CONFIG, e.g. -v ./bot.config.yml:/app/bot.config.yml:ro (the default path when present).
USER node
EXPOSE 3000
# /healthz is served on PORT in both Socket and HTTP mode; the slim image has no curl, so use node.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# `start` is `node dist/src/main.js` (no prestart, so no rebuild); npm forwards SIGTERM to it,
# and main.ts stops the Slack connection cleanly on SIGTERM.
CMD ["npm", "start"]
