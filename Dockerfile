# sobot-slack: one container runs the bot (Socket Mode needs no public URL).
#   docker build -t sobot-slack .                          the bot (the last stage, `runtime`)
#   docker run --env-file .env -v sobot-data:/data -p 3000:3000 sobot-slack
#   docker build --target demo -t sobot-slack-demo .       the demo: simulator included, no credentials
#   docker run --rm -it sobot-slack-demo "/sobot agents yesterday"
# See docker-compose.yml for the bot with Redis, and README.md, "Deploy".
#
# Node 24 (LTS until April 2028), Debian bookworm (glibc, not Alpine: the @napi-rs/canvas binaries in
# package-lock.json are the linux-x64-gnu and linux-arm64-gnu ones). An exact version tag: rebuilding
# gives the same Node; bump it deliberately (or pin the digest: node:24.11.1-bookworm-slim@sha256:…).
ARG NODE_IMAGE=node:24.11.1-bookworm-slim

# ---- build: compile TypeScript (dev dependencies only live here) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; the only install script in
# the lockfile is esbuild's (tsx, a dev tool), and the canvas binary is an optional dependency.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY reports ./reports
COPY scripts ./scripts
# dist/src: the compiled modules (the demo stage runs them); dist/bot: the bot bundled from
# src/main.ts and its chart worker (scripts/bundle.ts), what the runtime image runs. The bundle holds
# only what the bot imports: no simulator, no demo console.
RUN npm run build

# ---- deps: production dependencies only (no pino-pretty, tsx, vitest…) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- base: what both images run on ----
FROM ${NODE_IMAGE} AS base
# tini is PID 1: it forwards SIGTERM to node and reaps zombies, so the shutdown code runs (npm as PID 1
# would not forward the signal, and node would be killed when the container stops).
# Skia (@napi-rs/canvas) draws with the system fonts: Noto Sans CJK so Chinese agent names in charts are
# not boxes (the Serif files are deleted: charts use Sans only), DejaVu for Latin text.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini fonts-noto-cjk fonts-dejavu-core \
  && rm -f /usr/share/fonts/opentype/noto/NotoSerifCJK* \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# DATA_DIR is where the embedded store keeps state: mount a volume there to keep it across restarts.
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
# package.json is read at run time: its "type": "module" makes Node load dist/**/*.js as ES modules.
COPY package.json manifest.yml README.md ./
COPY --from=deps /app/node_modules ./node_modules
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]

# ---- demo: `docker build --target demo`; the simulator and a console, no Slack ----
FROM base AS demo
COPY --from=build /app/dist ./dist
# Charts and CSV files go where the node user may write.
ENV DEMO_OUTPUT_DIR=/tmp/demo-output
USER node
# Arguments after the image name are the demo's: one command, or none for the console (docker run -it).
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/src/demo.js"]
CMD []

# ---- runtime: the bot (the default target) ----
FROM base AS runtime
# Root-owned code, read-only to the process.
COPY --from=build /app/dist/bot ./dist/bot
# The optional YAML config (digests, alerts, access) is not baked in: mount it and set
# BOT_CONFIG, e.g. -v ./bot.config.yml:/app/bot.config.yml:ro (the default path when present).
USER node
# Liveness: /healthz is served on PORT in both Socket and HTTP mode (the slim image has no curl).
# Readiness for an orchestrator is GET /readyz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Memory (README, "Performance"): glibc keeps at most two malloc arenas instead of one per thread
# (the chart worker, libuv's pool, V8's helpers), and V8's young generation stays at 2 × 2 MB instead
# of growing to 2 × 16 MB: short-lived garbage is collected sooner, at a little more CPU. Blocks of
# 256 kB and more (V8 compiling the bundle at start, large replies) get pages of their own, handed back
# to the system when freed, instead of glibc raising that threshold and keeping them in its heap:
# idle 92–96 → 82–89 MB.
ENV MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=262144
# Node ≥ 22.1 (this image's Node 24) keeps V8's compiled code of the bundle here: a restarted
# container skips compiling it again (the first start of a fresh container fills it). Node 20 ignores
# the variable. /tmp: the node user may write there; a read-only filesystem only turns the cache off.
# Start to healthy with Node 24.11.1 on the bench machine: median 1.23 → 1.07 s (README, "Performance").
ENV NODE_COMPILE_CACHE=/tmp/node-compile-cache
# node directly, under tini: SIGTERM reaches main.ts, which stops taking work, finishes what is in
# flight (SHUTDOWN_TIMEOUT, default 25 s, within Docker's default stop grace of 10 s: raise it with
# `docker stop -t 30` or compose's stop_grace_period) and exits 0. `npm run bench` starts the bot
# with this CMD and ENV.
CMD ["node", "--max-semi-space-size=2", "dist/bot/main.js"]
