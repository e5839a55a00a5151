# kikan container image: node slim (current LTS), production dependencies only, non-root.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --ignore-scripts
COPY src ./src
RUN npx tsc -p tsconfig.json

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY controls ./controls
USER node
WORKDIR /scan
ENTRYPOINT ["node", "/app/dist/cli/bin.js"]
CMD ["scan", "."]
