FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Packages first, so a change to the sources does not install them again. Without the test tools, and without
# install scripts: the Prisma client is generated below, offline, with the sources in place.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY . .
# The Prisma client, then the compiled server (dist/) and the embedded database snapshots.
RUN node scripts/generate-client.mjs && node scripts/build.mjs \
  && mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# `npm start`'s own command, run by node itself so that it receives the stop signal. --migrate applies pending
# migrations to DATABASE_URL before the server starts (the embedded database in /app/.data migrates itself).
CMD ["node", "scripts/start.mjs", "--migrate"]
