import { Inject, Injectable } from '@nestjs/common';
import { mintSignedToken, type JWK, type Role, type SigningKey } from '#auth';
import type { Account } from '../accounts/account.entity.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console-settings.js';

export const SIGNING_KEY = Symbol('SIGNING_KEY');

/** The subject of an account's tokens: an inspector's planning id (what the services assign), else the account id. */
export function tokenSubject(a: Pick<Account, 'id' | 'inspectorId'>): string {
  return a.inspectorId ?? a.id;
}

type TokenAccount = Pick<Account, 'id' | 'inspectorId' | 'roles' | 'department' | 'displayName'>;

/** How long a minted token is reused for the same session and claims (tokens live 30–300 s: reused at most a fifth of that). */
export const TOKEN_REUSE_MS = 60_000;
const MAX_CACHED = 10_000;

/** Mints the short-lived bearer tokens the console forwards with, and publishes their public key. */
@Injectable()
export class TokenIssuer {
  /**
   * Tokens per session, reused for up to a minute while the claims stay the same: signing uses
   * WebCrypto on libuv's thread pool, where sign-ins' scrypt runs too; a page's burst of API calls
   * then waits for no pool thread. Ages by monotonic time (performance.now()): it is about real seconds.
   */
  private readonly cache = new Map<string, { token: string; claims: string; mintedAt: number }>();

  constructor(
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  /** A token for a session's forwarded request: the one minted for it in the last minute if the claims are the same, else a new one. */
  async tokenForSession(sessionId: string, a: TokenAccount): Promise<string> {
    const claims = JSON.stringify([tokenSubject(a), a.roles, a.department, a.displayName]);
    const now = performance.now();
    const reuseMs = Math.min(TOKEN_REUSE_MS, (this.settings.tokenTtlSeconds * 1000) / 5);
    const hit = this.cache.get(sessionId);
    if (hit && hit.claims === claims && now - hit.mintedAt < reuseMs) return hit.token;
    const token = await this.mintFor(a);
    if (this.cache.size >= MAX_CACHED) {
      for (const [k, v] of this.cache) if (now - v.mintedAt >= reuseMs) this.cache.delete(k);
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
    }
    this.cache.set(sessionId, { token, claims, mintedAt: now });
    return token;
  }

  mintFor(a: TokenAccount): Promise<string> {
    return mintSignedToken(this.key, {
      sub: tokenSubject(a),
      roles: a.roles as Role[],
      department: a.department,
      name: a.displayName,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      expiresIn: this.settings.tokenTtlSeconds,
    });
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] };
  }
}
