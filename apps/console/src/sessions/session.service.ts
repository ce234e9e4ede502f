import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '#platform';
import { Account } from '../accounts/account.entity.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console-settings.js';
import { Session } from './session.entity.js';

/** A session found from its cookie, with its account. */
export interface ActiveSession {
  session: Session;
  account: Account;
  /** The cookie's secret (the CSRF token is derived from it). */
  secret: string;
}

export interface SessionListItem {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

/** last_seen_at is written at most this often: the idle timeout needs minutes, not every request. */
const TOUCH_EVERY_MS = 60_000;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The CSRF token of a session: derived from its secret, so it needs no storage and dies with the session. */
export function csrfTokenFor(secret: string): string {
  return createHash('sha256').update(`csrf\u0000${secret}`).digest('base64url');
}

/**
 * Sessions: a 256-bit random secret in the cookie, its SHA-256 in the table. A session ends when
 * revoked, at its absolute end, or after CONSOLE_SESSION_IDLE_MINUTES without a request; all by the
 * injected clock.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  /** Opens a session for `account` inside the caller's transaction; returns the cookie's secret. */
  async open(m: EntityManager, account: Account, meta: { userAgent?: string; ip?: string }): Promise<{ secret: string; session: Session }> {
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session = m.create(Session, {
      tokenHash: sha256(secret),
      accountId: account.id,
      authMethod: account.authMethod,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.settings.absoluteMs),
      revokedAt: null,
      userAgent: meta.userAgent ? meta.userAgent.slice(0, 300) : null,
      ip: meta.ip ?? null,
    });
    await m.save(session);
    return { secret, session };
  }

  /** The live session of a cookie secret, or undefined (unknown, revoked, idle, expired, or the account disabled). */
  async resolve(secret: string | undefined): Promise<ActiveSession | undefined> {
    if (!secret || !SECRET.test(secret)) return undefined;
    const session = await this.db.getRepository(Session).findOneBy({ tokenHash: sha256(secret) });
    if (!session || session.revokedAt) return undefined;
    const now = this.clock.now();
    if (now >= session.expiresAt || now.getTime() - session.lastSeenAt.getTime() >= this.settings.idleMs) return undefined;
    const account = await this.db.getRepository(Account).findOneBy({ id: session.accountId });
    if (!account || account.status !== 'active') return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      // Outside any transaction: a request's "last seen" is bookkeeping, not an action for the audit trail.
      await this.db.query(`UPDATE console.session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2`, [session.id, now]);
      session.lastSeenAt = now;
    }
    return { session, account, secret };
  }

  /** The account's live sessions, newest first. */
  async list(accountId: string, currentId: string): Promise<SessionListItem[]> {
    const now = this.clock.now();
    const rows = await this.db.getRepository(Session).find({ where: { accountId, revokedAt: IsNull() }, order: { createdAt: 'DESC' }, take: 100 });
    return rows
      .filter((s) => now < s.expiresAt && now.getTime() - s.lastSeenAt.getTime() < this.settings.idleMs)
      .map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: new Date(Math.min(s.expiresAt.getTime(), s.lastSeenAt.getTime() + this.settings.idleMs)).toISOString(),
        userAgent: s.userAgent,
        ip: s.ip,
        current: s.id === currentId,
      }));
  }

  /** Revokes one session of the account; false when it has no such session. */
  async revoke(m: EntityManager, accountId: string, sessionId: string): Promise<boolean> {
    const session = await m.getRepository(Session).findOneBy({ id: sessionId, accountId });
    if (!session) return false;
    if (!session.revokedAt) {
      session.revokedAt = this.clock.now();
      await m.save(session);
    }
    return true;
  }

  /** Revokes every live session of the account (disabled, password reset or changed), but `except`. */
  async revokeAll(m: EntityManager, accountId: string, except?: string): Promise<number> {
    const live = await m.getRepository(Session).findBy({ accountId, revokedAt: IsNull() });
    const now = this.clock.now();
    const ended = live.filter((s) => s.id !== except);
    for (const s of ended) s.revokedAt = now;
    if (ended.length) await m.save(ended);
    return ended.length;
  }
}
