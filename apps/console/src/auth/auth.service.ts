import { HttpException, HttpStatus, Inject, Injectable, Logger, UnauthorizedException, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden, invalid } from '#domain';
import { currentAuditScope, runInAuditScope } from '#persistence';
import { CLOCK, type Clock } from '#platform';
import { Account } from '../accounts/account.entity.js';
import { LOCKOUT, lockDurationMs, secondsLocked } from '../domain/lockout.js';
import { hashPassword, randomPassword, verifyPassword } from '../domain/password-hash.js';
import { passwordProblem } from '../domain/password-policy.js';
import { SessionService } from '../sessions/session.service.js';
import { unlessBusy } from './busy.js';

export const WRONG_CREDENTIALS = '用户名或密码错误';

/** User names are compared as typed, without surrounding blanks and case. */
export const normaliseUsername = (u: string) => u.trim().toLowerCase();

export interface SignedIn {
  account: Account;
  secret: string;
}

/** Local sign-in (with lockout), password change. */
@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger('SignIn');
  /** Verified when the user is unknown, so that answer takes as long as a wrong password. */
  private dummyHash!: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: SessionService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hashPassword(randomPassword());
  }

  async login(username: string, password: string, meta: { userAgent?: string; ip?: string }): Promise<SignedIn> {
    const name = normaliseUsername(username);
    const account = await this.db.getRepository(Account).findOneBy({ username: name });
    if (!account || account.authMethod !== 'local' || !account.passwordHash) {
      await unlessBusy(verifyPassword(password, this.dummyHash));
      this.logger.warn({ msg: 'sign-in refused: unknown user', ip: meta.ip });
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    // The attempt is claimed (counted, and the lock set when it is one too many) before the password
    // is hashed: N concurrent guesses cannot all pass a lock read before the 0.3 s hash.
    const attempt = await this.claimAttempt(account.id);
    if (attempt === null) throw await this.lockedAnswer(account.id, (s) => `账户已被临时锁定，请 ${Math.ceil(s / 60)} 分钟后再试`);
    const right = await unlessBusy(verifyPassword(password, account.passwordHash)).catch(async (error: unknown) => {
      await this.releaseAttempt(account.id, attempt); // a busy server is not the user's wrong guess
      throw error;
    });
    if (!right) {
      this.logFailure(account.id, attempt, meta.ip);
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    if (account.status !== 'active') {
      // The right password all the same: the count starts again (a disabled account is not a guesser's target).
      await this.db.query(`UPDATE console.account SET failed_attempts = 0, locked_until = NULL WHERE id = $1`, [account.id]);
      throw forbidden('账户已停用，请联系管理员');
    }
    return this.asUser(account, () =>
      this.db.transaction(async (m) => {
        // Only the lockout columns: an admin's change made during the hash is not reverted.
        await m.update(Account, account.id, { failedAttempts: 0, lockedUntil: null });
        account.failedAttempts = 0;
        account.lockedUntil = null;
        const { secret } = await this.sessions.open(m, account, meta);
        return { account, secret };
      }),
    );
  }

  /**
   * Counts one attempt for the account and, when the count passes the free attempts, locks it
   * (domain/lockout.ts), in one statement outside any transaction, unless it is locked now: then
   * null (answer 423 without checking the password). A right password sets the count back to 0.
   * Concurrent attempts each take their own number; a refused sign-in leaves no audit record (it is logged).
   */
  private async claimAttempt(accountId: string): Promise<number | null> {
    const now = this.clock.now();
    const rows = (await this.db.query(
      `UPDATE console.account SET failed_attempts = failed_attempts + 1,
         locked_until = CASE WHEN failed_attempts + 1 > $3 THEN $2::timestamptz + make_interval(secs => LEAST($4::double precision * power(2, LEAST(failed_attempts - $3, 20)), $5::double precision) / 1000)
                        ELSE locked_until END
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2::timestamptz) RETURNING failed_attempts AS n`,
      [accountId, now, LOCKOUT.freeAttempts, LOCKOUT.firstLockMs, LOCKOUT.maxLockMs],
    )) as [{ n: number }[], number] | { n: number }[];
    const list = Array.isArray(rows[0]) ? (rows[0] as { n: number }[]) : (rows as { n: number }[]);
    return list[0]?.n ?? null;
  }

  /** Gives back an attempt that was never checked (the hash could not run), unless other attempts came since. */
  private async releaseAttempt(accountId: string, attempt: number): Promise<void> {
    await this.db.query(
      `UPDATE console.account SET failed_attempts = failed_attempts - 1, locked_until = CASE WHEN failed_attempts - 1 > $3 THEN locked_until ELSE NULL END WHERE id = $1 AND failed_attempts = $2`,
      [accountId, attempt, LOCKOUT.freeAttempts],
    );
  }

  private async lockedAnswer(accountId: string, message: (seconds: number) => string): Promise<HttpException> {
    const row = await this.db.getRepository(Account).findOne({ where: { id: accountId }, select: { id: true, lockedUntil: true } });
    const seconds = Math.max(1, secondsLocked(row?.lockedUntil ?? null, this.clock.now()));
    return new HttpException({ statusCode: 423, message: message(seconds), retryAfterSeconds: seconds }, HttpStatus.LOCKED);
  }

  private logFailure(accountId: string, attempt: number, ip: string | undefined): void {
    const lockMs = lockDurationMs(attempt);
    this.logger.warn({ msg: lockMs ? 'sign-in refused: wrong password, account locked' : 'sign-in refused: wrong password', account: accountId, failedAttempts: attempt, lockedForSeconds: lockMs / 1000, ip });
  }

  /** Changes the user's own password; the user's other sessions end. */
  async changePassword(account: Account, currentSessionId: string, currentPassword: string, newPassword: string): Promise<void> {
    if (account.authMethod !== 'local' || !account.passwordHash) throw invalid('此账户通过统一身份认证登录，没有本地密码');
    const attempt = await this.claimAttempt(account.id);
    if (attempt === null) throw await this.lockedAnswer(account.id, () => '账户已被临时锁定，请稍后再试');
    const right = await unlessBusy(verifyPassword(currentPassword, account.passwordHash)).catch(async (error: unknown) => {
      await this.releaseAttempt(account.id, attempt);
      throw error;
    });
    if (!right) {
      this.logFailure(account.id, attempt, undefined);
      throw new UnauthorizedException('当前密码错误');
    }
    await this.db.query(`UPDATE console.account SET failed_attempts = 0, locked_until = NULL WHERE id = $1`, [account.id]);
    const problem = passwordProblem(newPassword, account.username);
    if (problem) throw invalid(problem);
    if (newPassword === currentPassword) throw invalid('新密码不能与当前密码相同');
    const hash = await unlessBusy(hashPassword(newPassword));
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      const changes = { passwordHash: hash, mustChangePassword: false, failedAttempts: 0, lockedUntil: null, updatedAt: now };
      // Only these columns: an admin's concurrent change of roles or status is not reverted.
      await m.update(Account, account.id, changes);
      Object.assign(account, changes);
      await this.sessions.revokeAll(m, account.id, currentSessionId);
    });
  }

  /** Runs `work` with the audit trail naming the account (a sign-in has no user on the request yet). */
  asUser<T>(account: Account, work: () => Promise<T>): Promise<T> {
    const scope = currentAuditScope();
    if (!scope) return work();
    return runInAuditScope({ ...scope, subject: account.id, roles: [...account.roles], department: account.department }, work);
  }
}
