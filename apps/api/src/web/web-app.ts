import { Logger, NotFoundException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { repoRoot } from '@doorloop/config';

/** Where `npm run build` (vite build apps/web) puts the browser app. */
export function webAppDirectory(): string {
  return join(repoRoot(), 'dist', 'web');
}

/**
 * Serves the built web app at `/`: its files, and `index.html` for every other page address outside `/api/`, so a
 * deep link (a task link in a mail) opens the app, whose router shows the page. The api under `/api/` is untouched:
 * its unknown routes stay problem+json 404s. Hashed assets are cached for good, `index.html` never; source maps are
 * never served. The security
 * headers (CSP with the issuer in connect-src) are the api's own, set for every response (http/security-headers.ts).
 */
export function serveWebApp(app: NestExpressApplication): void {
  const root = webAppDirectory();
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('WebApp').warn(`No web app at ${root}: run npm run build to serve it at /`);
    return;
  }
  const assets = join(root, 'assets');
  // vite builds none (apps/web/vite.config.mts); one an older build left in dist/web is not served either.
  app.use((request: Request, _response: Response, next: NextFunction) => {
    next(extname(request.path) === '.map' && !isApiPath(request.path) ? new NotFoundException() : undefined);
  });
  app.useStaticAssets(root, {
    index: false,
    redirect: false,
    setHeaders: (response: Response, path: string) => {
      response.setHeader('Cache-Control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !isApiPath(request.path) &&
      extname(request.path) === '';
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index, (error) => {
      if (error) next(error);
    });
  });
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
