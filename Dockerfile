# syntax=docker/dockerfile:1
#
# One image for every Doorloop role; the command chooses it (docker-compose.yml sets one per service):
#   api      node dist/api/apps/api/src/main.js          (default CMD; listens on PORT, health at /api/v1/health)
#   worker   node dist/worker/apps/worker/src/main.js    (loads the prebuilt dist/workflow-bundle.js)
#   migrate  node dist/runtime/scripts/migrate.js        (runs the TypeORM migrations against DATABASE_URL, exits)
#   (audit)  node dist/runtime/scripts/audit-verify.js   (verifies the audit hash chain; exit 1 names the break)

FROM node:20-bookworm-slim AS base
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
# Node 20 ships npm 10, which ignores package.json `allowScripts` and would run every dependency's install scripts.
# The lockfile and the script approvals are made with npm 11: use the same npm here.
RUN npm install --global npm@11.19.1 && npm cache clean --force
WORKDIR /app

# Build: all dependencies, compile api, worker and runtime scripts, bundle the workflows, build the web app (the api
# serves dist/web at /).
FROM base AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build \
 && test -f dist/api/apps/api/src/main.js \
 && test -f dist/worker/apps/worker/src/main.js \
 && test -f dist/runtime/scripts/migrate.js \
 && test -f dist/runtime/scripts/audit-verify.js \
 && test -f dist/workflow-bundle.js \
 && test -f dist/web/index.html

# Runtime: production dependencies and the build output only, owned by root and run as the unprivileged `node` user.
FROM base AS runtime
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/api/apps/api/src/main.js"]
