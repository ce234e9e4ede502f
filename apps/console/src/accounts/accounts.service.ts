import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '#auth';
import { conflict, invalid, notFound } from '#domain';
import { CLOCK, type Clock } from '#platform';
import { normaliseUsername } from '../auth/auth.service.js';
import { unlessBusy } from '../auth/busy.js';
import { DirectoryInspectorRow } from '../directory/directory-inspector.entity.js';
import { hashPassword, randomPassword } from '../domain/password-hash.js';
import { SessionService } from '../sessions/session.service.js';
import { Account } from './account.entity.js';
import type { AccountQueryDto, CreateAccountDto, DirectoryQueryDto, UpdateAccountDto } from './account.dto.js';
import { accountView, type AccountView } from './account.view.js';

/** Roles whose work is scoped to a department: their account needs one. */
const SCOPED: Role[] = ['officer', 'inspector', 'legal_reviewer'];

export interface NewAccount {
  username: string;
  displayName: string;
  roles: Role[];
  department: string | null;
  inspectorId?: string | null;
  /** Link by 执法证号 once the directory entry arrives (the demo's inspector). */
  inspectorCertificateNo?: string | null;
  mustChangePassword?: boolean;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The admin's account management (docs/console.md). */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: SessionService,
  ) {}

  async list(q: AccountQueryDto): Promise<{ items: AccountView[]; total: number }> {
    const qb = this.db.getRepository(Account).createQueryBuilder('a');
    if (q.q) qb.andWhere(`(a.username ILIKE :q OR a.display_name ILIKE :q)`, { q: like(q.q) });
    if (q.role) qb.andWhere(':role = ANY(a.roles)', { role: q.role });
    if (q.department) qb.andWhere('a.department = :department', { department: q.department });
    const [rows, total] = await qb.orderBy('a.username').take(q.limit ?? 50).skip(q.offset ?? 0).getManyAndCount();
    return { items: rows.map(accountView), total };
  }

  /** Creates a local account with a random initial password, returned once (the user must change it). */
  async create(dto: CreateAccountDto): Promise<{ account: AccountView; initialPassword: string }> {
    const initialPassword = randomPassword();
    const account = await this.db.transaction(async (m) =>
      this.insert(m, { ...dto, department: dto.department ?? null, mustChangePassword: true }, await unlessBusy(hashPassword(initialPassword))),
    );
    return { account: accountView(account), initialPassword };
  }

  /** Inserts a local account (the caller's transaction); 409 when the user name is taken. */
  async insert(m: EntityManager, a: NewAccount, passwordHash: string): Promise<Account> {
    const username = normaliseUsername(a.username);
    if (await m.getRepository(Account).existsBy({ username })) throw conflict('用户名已存在');
    this.checkLink(a.roles, a.inspectorId ?? a.inspectorCertificateNo ?? null);
    const link = await this.inspectorLink(m, a.inspectorId ?? null);
    this.checkScope(a.roles, a.department);
    const now = this.clock.now();
    return m.save(
      m.create(Account, {
        username,
        displayName: a.displayName.trim(),
        passwordHash,
        roles: [...new Set(a.roles)],
        department: a.department,
        inspectorId: link.inspectorId,
        inspectorCertificateNo: link.inspectorCertificateNo ?? a.inspectorCertificateNo ?? null,
        status: 'active',
        authMethod: 'local',
        oidcSubject: null,
        failedAttempts: 0,
        lockedUntil: null,
        mustChangePassword: a.mustChangePassword ?? true,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  async update(id: string, dto: UpdateAccountDto, actorId: string): Promise<AccountView> {
    return this.db.transaction(async (m) => {
      const account = await this.find(m, id);
      if (id === actorId && (dto.status === 'disabled' || (dto.roles && !dto.roles.includes('admin')))) throw invalid('不能停用自己的账户或取消自己的管理员角色');
      if (dto.displayName !== undefined) account.displayName = dto.displayName.trim();
      if (dto.roles !== undefined) account.roles = [...new Set(dto.roles)];
      if (dto.department !== undefined) account.department = dto.department;
      this.checkLink(account.roles as Role[], dto.inspectorId !== undefined ? dto.inspectorId : account.inspectorId);
      if (dto.inspectorId !== undefined) Object.assign(account, await this.inspectorLink(m, dto.inspectorId, account.id));
      this.checkScope(account.roles as Role[], account.department);
      const disabling = dto.status === 'disabled' && account.status !== 'disabled';
      if (dto.status !== undefined) account.status = dto.status;
      account.updatedAt = this.clock.now();
      // Only the columns this request changes: a sign-in's lockout count or a password change made meanwhile stays.
      const changed: Partial<Account> = { updatedAt: account.updatedAt };
      if (dto.displayName !== undefined) changed.displayName = account.displayName;
      if (dto.roles !== undefined) changed.roles = account.roles;
      if (dto.department !== undefined) changed.department = account.department;
      if (dto.inspectorId !== undefined) Object.assign(changed, { inspectorId: account.inspectorId, inspectorCertificateNo: account.inspectorCertificateNo });
      if (dto.status !== undefined) changed.status = account.status;
      await m.update(Account, account.id, changed);
      // A disabled account is signed out everywhere at once (its sessions would be refused anyway).
      if (disabling) await this.sessions.revokeAll(m, account.id);
      return accountView(account);
    });
  }

  /** A new random initial password; unlocks the account and ends its sessions. */
  async resetPassword(id: string): Promise<{ initialPassword: string }> {
    const initialPassword = randomPassword();
    const hash = await unlessBusy(hashPassword(initialPassword));
    await this.db.transaction(async (m) => {
      const account = await this.find(m, id);
      if (account.authMethod !== 'local') throw invalid('此账户通过统一身份认证登录，没有本地密码');
      await m.update(Account, account.id, { passwordHash: hash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, updatedAt: this.clock.now() });
      await this.sessions.revokeAll(m, account.id);
    });
    return { initialPassword };
  }

  async directory(q: DirectoryQueryDto): Promise<{ id: string; certificateNo: string; name: string; department: string; status: string }[]> {
    const qb = this.db.getRepository(DirectoryInspectorRow).createQueryBuilder('d');
    if (q.q) qb.andWhere('(d.name ILIKE :q OR d.certificate_no ILIKE :q)', { q: like(q.q) });
    if (q.department) qb.andWhere('d.department = :department', { department: q.department });
    const rows = await qb.orderBy('d.department').addOrderBy('d.certificate_no').take(500).getMany();
    return rows.map((r) => ({ id: r.id, certificateNo: r.certificateNo, name: r.name, department: r.department, status: r.status }));
  }

  private async find(m: EntityManager, id: string): Promise<Account> {
    const account = await m.getRepository(Account).findOneBy({ id });
    if (!account) throw notFound('没有这个账户');
    return account;
  }

  /** The directory entry to link; 409 when another account is already linked to it (one account per inspector: the token subject). */
  private async inspectorLink(m: EntityManager, inspectorId: string | null, accountId?: string): Promise<{ inspectorId: string | null; inspectorCertificateNo: string | null }> {
    if (inspectorId === null) return { inspectorId: null, inspectorCertificateNo: null };
    const entry = await m.getRepository(DirectoryInspectorRow).findOneBy({ id: inspectorId });
    if (!entry) throw invalid('inspectorId: 执法人员名录中没有这个人员（GET /directory/inspectors）');
    const holder = await m.getRepository(Account).findOne({ where: { inspectorId: entry.id }, select: { id: true, username: true } });
    if (holder && holder.id !== accountId) throw conflict(`inspectorId: 该执法人员已关联账户 ${holder.username}`);
    return { inspectorId: entry.id, inspectorCertificateNo: entry.certificateNo };
  }

  /** Only an inspector's account is linked to an inspector: its tokens then carry the inspector's id as subject. */
  private checkLink(roles: Role[], link: string | null): void {
    if (link && !roles.includes('inspector')) throw invalid('inspectorId: only an account with the role inspector can be linked to an inspector');
  }

  private checkScope(roles: Role[], department: string | null): void {
    if (!department && roles.some((r) => SCOPED.includes(r))) throw invalid(`department: required for the roles ${SCOPED.join(', ')}`);
  }
}
