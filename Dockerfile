# One image for every cuckoo-tc role: the command (run, producer, worker, dashboard, emulator, ...)
# is chosen by the container's command.
FROM node:20-slim AS build
WORKDIR /app
COPY . .
# Chromium is only for the dashboard's browser test; never needed in the image.
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
ENTRYPOINT ["node", "/app/apps/cli/bin/cuckoo-tc.js"]
CMD ["--help"]
