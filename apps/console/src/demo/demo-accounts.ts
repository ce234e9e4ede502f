import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '#auth';
import { runAsJob } from '#persistence';
import { Account } from '../accounts/account.entity.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console-settings.js';
import { hashPassword, randomPassword } from '../domain/password-hash.js';

/**
 * The demo's accounts, one per role (docs/demo.md, docs/console.md). The inspector is the demo
 * bureau's first inspector of 水政监察大队 (执法证号 SL33010620001), linked when planning's directory
 * event reaches the console.
 */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; department: string | null; certificateNo?: string }[] = [
  { username: 'demo-officer', displayName: '演示执法人员（水政监察大队）', role: 'officer', department: '水政监察大队' },
  { username: 'demo-officer-water', displayName: '演示执法人员（水资源管理科）', role: 'officer', department: '水资源管理科' },
  { username: 'demo-inspector', displayName: '演示检查人员', role: 'inspector', department: '水政监察大队', certificateNo: 'SL33010620001' },
  { username: 'demo-reviewer', displayName: '演示法制审核人员', role: 'legal_reviewer', department: '水政监察大队' },
  { username: 'demo-auditor', displayName: '演示审计人员', role: 'auditor', department: null },
  { username: 'demo-admin', displayName: '演示管理员', role: 'admin', department: null },
];

export const DEMO_ACCOUNTS_FILE = 'demo-accounts.json';

/** With CONSOLE_DEMO_ACCOUNTS=on: creates the demo accounts once and writes their passwords to DATA_DIR/demo-accounts.json (mode 600). */
@Injectable()
export class DemoAccounts implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoAccounts');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    private readonly accounts: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.demoAccounts) return;
    const existing = await this.db.getRepository(Account).countBy(DEMO_ACCOUNTS.map((d) => ({ username: d.username })));
    if (existing > 0) return; // created at an earlier start: the file written then still holds the passwords
    const created = DEMO_ACCOUNTS.map((d) => ({ ...d, password: randomPassword() }));
    // One after the other: each hash takes 128 MiB for a moment.
    const hashes: string[] = [];
    for (const d of created) hashes.push(await hashPassword(d.password));
    await runAsJob('console.demo-accounts', 'demo-accounts', () =>
      this.db.transaction(async (m) => {
        for (const [i, d] of created.entries()) {
          await this.accounts.insert(m, { username: d.username, displayName: d.displayName, roles: [d.role], department: d.department, inspectorCertificateNo: d.certificateNo ?? null, mustChangePassword: false }, hashes[i]);
        }
      }),
    );
    const file = path.join(this.settings.dataDir, DEMO_ACCOUNTS_FILE);
    const list = created.map((d) => ({ username: d.username, password: d.password, role: d.role, department: d.department }));
    mkdirSync(this.settings.dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
    // `mode` applies only when the file is created: one left from an earlier database keeps its mode otherwise.
    chmodSync(file, 0o600);
    this.logger.log({ msg: `demo accounts created; user names and passwords in ${file}`, file });
  }
}
