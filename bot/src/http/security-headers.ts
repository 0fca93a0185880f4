import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * The hosts Microsoft's tab requirements list as the frame ancestors a Teams
 * tab must allow: all hosts on the new domain, Teams, the Microsoft 365 app,
 * and Outlook with its -sdf test hosts. The one list: the
 * Content-Security-Policy's frame-ancestors is built from it, and nothing
 * else may frame the app.
 */
export const TAB_FRAME_ANCESTORS: readonly string[] = [
  '*.cloud.microsoft',
  'teams.microsoft.com',
  '*.teams.microsoft.com',
  '*.microsoft365.com',
  '*.office.com',
  'outlook.office.com',
  'outlook.office365.com',
  'outlook-sdf.office.com',
  'outlook-sdf.office365.com',
];

/** How long browsers keep to HTTPS once told (one year, the usual preload minimum). */
const HSTS_SECONDS = 365 * 24 * 60 * 60;

/**
 * Security headers on every response: a Content-Security-Policy that lets
 * only Teams, Outlook and Microsoft 365 frame the app and lets the tab load
 * nothing but its own scripts (no inline or eval'd script; inline styles are
 * allowed because Fluent UI injects its <style> elements at run time),
 * `nosniff`, a same-origin Referrer-Policy, and in production
 * Strict-Transport-Security.
 */
export function securityHeaders(options: { production: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: [...TAB_FRAME_ANCESTORS.map((host) => `https://${host}`)],
        ...(options.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Teams frames the tab: X-Frame-Options cannot list hosts, frame-ancestors does the job.
    xFrameOptions: false,
    strictTransportSecurity: options.production ? { maxAge: HSTS_SECONDS, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    // The tab's sign-in popups and Teams' host messaging need cross-origin openers and embedding.
    crossOriginOpenerPolicy: false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
