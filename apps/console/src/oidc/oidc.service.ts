import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as client from 'openid-client';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { forbidden, invalid, notFound } from '#domain';
import { CLOCK, type Clock } from '#platform';
import { Account } from '../accounts/account.entity.js';
import { AuthService, normaliseUsername, type SignedIn } from '../auth/auth.service.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console-settings.js';
import { mapClaims } from '../domain/claim-mapping.js';
import { SessionService, sha256 } from '../sessions/session.service.js';
import { OidcLogin } from './oidc-login.entity.js';

/** A sign-in not completed within this is refused at the callback. */
const PENDING_MS = 10 * 60_000;

/** The OIDC account's user name when `preferred` is taken: `preferred#oidc`, then `preferred#oidc2`, `#oidc3`, … (at most 100 characters). */
export function usernameCandidates(preferred: string, count = 20): string[] {
  return Array.from({ length: count }, (_, i) => {
    const suffix = i === 0 ? '' : i === 1 ? '#oidc' : `#oidc${i}`;
    return `${preferred.slice(0, 100 - suffix.length)}${suffix}`;
  });
}

/** Only a path of this console: never another site (an open redirect). */
export function safeReturnTo(returnTo: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- a control character has no place in a path we redirect to
  if (!returnTo || !returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.startsWith('/\\') || /[\u0000-\u001f]/.test(returnTo) || returnTo.length > 500) return '/';
  return returnTo;
}

/**
 * Sign-in with an OpenID provider (浙政钉, Keycloak…): authorization code flow with PKCE (S256),
 * state and nonce (openid-client). The provider's claims give roles and department
 * (OIDC_ROLES_CLAIM, OIDC_DEPARTMENT_CLAIM, OIDC_ROLE_MAP); the account is created at the first
 * sign-in and its roles, department and name follow the provider at every later one.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private configuration?: Promise<client.Configuration>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
  ) {}

  get enabled(): boolean {
    return !!this.settings.oidc;
  }

  private config(): Promise<client.Configuration> {
    const o = this.settings.oidc;
    if (!o) throw notFound('统一身份认证未配置');
    this.configuration ??= client
      .discovery(new URL(o.issuer), o.clientId, o.clientSecret, undefined, o.allowHttp ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 })
      .catch((error: unknown) => {
        this.configuration = undefined; // tried again at the next sign-in
        throw error;
      });
    return this.configuration;
  }

  /** The provider's authorization URL, and the state the browser keeps in its sc_oidc cookie. */
  async begin(returnTo: string | undefined): Promise<{ url: string; state: string }> {
    const o = this.settings.oidc!;
    const config = await this.config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      await m.getRepository(OidcLogin).delete({ createdAt: LessThan(new Date(now.getTime() - PENDING_MS)) });
      await m.save(m.create(OidcLogin, { stateHash: sha256(state), nonce, codeVerifier, returnTo: safeReturnTo(returnTo), createdAt: now }));
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: o.redirectUri,
      scope: o.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /** The first free user name of the candidates; past them, one with a random suffix. */
  private async freeUsername(m: EntityManager, preferred: string): Promise<string> {
    const candidates = usernameCandidates(preferred);
    const taken = new Set((await m.getRepository(Account).find({ where: { username: In(candidates) }, select: { username: true } })).map((a) => a.username));
    return candidates.find((c) => !taken.has(c)) ?? `${preferred.slice(0, 80)}#oidc-${randomUUID().slice(0, 8)}`;
  }

  /** Completes the sign-in from the callback's query; the state must be the one this browser started with. */
  async complete(search: string, cookieState: string | undefined, meta: { userAgent?: string; ip?: string }): Promise<SignedIn & { returnTo: string }> {
    const o = this.settings.oidc!;
    const state = new URLSearchParams(search).get('state') ?? '';
    if (!state || !cookieState || state !== cookieState) throw invalid('oidc_state');
    const pending = await this.db.getRepository(OidcLogin).findOneBy({ stateHash: sha256(state) });
    if (!pending) throw invalid('oidc_state');
    await this.db.getRepository(OidcLogin).delete({ stateHash: pending.stateHash });
    if (this.clock.now().getTime() - pending.createdAt.getTime() > PENDING_MS) throw invalid('oidc_expired');
    const config = await this.config();
    const callback = new URL(o.redirectUri);
    callback.search = search;
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: pending.codeVerifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true });
    const claims = tokens.claims() as Record<string, unknown> | undefined;
    if (!claims || typeof claims.sub !== 'string') throw invalid('oidc_claims');
    const { roles, department } = mapClaims(claims, o.mapping);
    if (!roles.length) throw forbidden('oidc_no_roles');
    const subject = `${String(claims.iss)} ${claims.sub}`;
    const displayName = typeof claims.name === 'string' && claims.name ? claims.name : typeof claims.preferred_username === 'string' ? claims.preferred_username : claims.sub;
    const preferred = normaliseUsername(typeof claims.preferred_username === 'string' && claims.preferred_username ? claims.preferred_username : claims.sub);
    const now = this.clock.now();
    const repo = this.db.getRepository(Account);
    let account = await repo.findOneBy({ oidcSubject: subject });
    if (account && account.status !== 'active') throw forbidden('oidc_disabled');
    return this.auth.asUser(account ?? ({ id: subject, roles, department } as Account), () =>
      this.db.transaction(async (m) => {
        const fromProvider = { displayName: String(displayName).slice(0, 100), roles, department, updatedAt: now };
        if (!account) {
          account = await m.save(
            m.create(Account, {
              username: await this.freeUsername(m, preferred),
              passwordHash: null, inspectorId: null, inspectorCertificateNo: null, status: 'active', authMethod: 'oidc', oidcSubject: subject,
              failedAttempts: 0, lockedUntil: null, mustChangePassword: false, createdAt: now, ...fromProvider,
            }),
          );
        } else {
          // Only what the provider decides: an admin's change (status, inspector link) made meanwhile is not reverted.
          await m.update(Account, account.id, fromProvider);
          Object.assign(account, fromProvider);
        }
        const { secret } = await this.sessions.open(m, account, meta);
        this.logger.log({ msg: 'signed in with OIDC', account: account.id });
        return { account, secret, returnTo: pending.returnTo };
      }),
    );
  }
}
