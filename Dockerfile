FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
EXPOSE 3000
# Apply pending migrations, then start; the demo shop is seeded only into an empty database.
CMD ["sh", "-c", "npm run db:migrate && npm start"]
