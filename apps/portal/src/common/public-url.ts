import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * The portal's public origin, for every absolute link it writes (Atom ids and links, the CSV's
 * detail links, canonical links of pages). It is configured (PORTAL_PUBLIC_URL) and never read from
 * the request: a Host or X-Forwarded-Host header is whatever the client sends, and reflecting it
 * would let anyone make the portal hand out links to their own site (and poison caches with them).
 */
export const PUBLIC_URL_OPTIONS = Symbol('PUBLIC_URL_OPTIONS');

export interface PublicUrlOptions {
  /** The configured public origin (already normalised by `publicOrigin`), if any. */
  configured?: string;
  /** The address the app listens on (HOST), for the default. */
  host: string;
}

/**
 * A configured public base URL as an origin without a trailing slash (`https://gongshi.example.gov.cn`):
 * http or https, a host, an optional port; no credentials, path, query or fragment (the pages link
 * root-relative, so the portal must be served at the root of that origin). Throws on anything else.
 */
export function publicOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PORTAL_PUBLIC_URL is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PORTAL_PUBLIC_URL must be http or https: ${JSON.stringify(value)}`);
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/' || !url.hostname) {
    throw new Error(`PORTAL_PUBLIC_URL must be an origin only (scheme, host, optional port), e.g. https://gongshi.example.gov.cn: ${JSON.stringify(value)}`);
  }
  return url.origin;
}

/**
 * The default when nothing is configured (embedded mode, tests): the URL the app listens on. A
 * wildcard address (0.0.0.0, ::) is not a place a browser can go, so it becomes localhost.
 */
export function listeningOrigin(host: string, port: number): string {
  const name = host === '' || host === '0.0.0.0' || host === '::' || host === '[::]' ? 'localhost' : host;
  return `http://${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`;
}

@Injectable()
export class PublicUrl {
  private listening?: string;

  constructor(
    @Inject(PUBLIC_URL_OPTIONS) private readonly options: PublicUrlOptions,
    private readonly adapter: HttpAdapterHost,
  ) {}

  /** The public origin, without a trailing slash. */
  get origin(): string {
    if (this.options.configured) return this.options.configured;
    // Read once the server listens (the port may have been chosen by the system: PORT=0).
    if (!this.listening) {
      const address = this.adapter.httpAdapter.getHttpServer().address() as { port: number } | string | null;
      if (!address || typeof address === 'string') return listeningOrigin(this.options.host, 0);
      this.listening = listeningOrigin(this.options.host, address.port);
    }
    return this.listening;
  }

  /** An absolute URL for a root-relative path (`/notices/1` → `https://…/notices/1`). */
  absolute(path: string): string {
    return this.origin + path;
  }
}
