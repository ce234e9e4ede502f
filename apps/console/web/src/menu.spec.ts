import { homeFor, mayUse, menuFor } from './menu';

const titles = (roles: string[]) => menuFor(roles).flatMap((g) => g.entries.map((e) => e.title));
const groups = (roles: string[]) => menuFor(roles).map((g) => g.title);

describe('menu by role', () => {
  it('gives officers the directories and decisions, not the admin or audit pages', () => {
    expect(groups(['officer'])).toEqual(['工作台', '两库一单', '计划与任务', '抽取', '检查进度', '决定公示', '登录会话']);
    expect(titles(['officer'])).not.toContain('账号管理');
    expect(titles(['officer'])).not.toContain('执法全过程记录');
    expect(titles(['officer'])).not.toContain('法制审核');
  });

  it('gives legal reviewers the review queue only', () => {
    expect(titles(['legal_reviewer'])).toEqual(['法制审核', '登录会话']);
    expect(homeFor(['legal_reviewer'])).toBe('/reviews');
  });

  it('gives auditors the audit trail and admins everything of the office', () => {
    expect(titles(['auditor'])).toEqual(['执法全过程记录', '登录会话']);
    expect(titles(['admin'])).toEqual(expect.arrayContaining(['账号管理', '执法全过程记录', '检查对象名录库', '公示管理']));
    expect(titles(['admin'])).not.toContain('法制审核');
  });

  it('joins the roles of a user with several', () => {
    expect(titles(['officer', 'auditor'])).toEqual(expect.arrayContaining(['检查对象名录库', '执法全过程记录']));
    expect(homeFor(['officer'])).toBe('/');
    expect(homeFor(['inspector'])).toBe('/sessions');
  });

  it('checks a page’s roles', () => {
    expect(mayUse(['officer'], ['admin'])).toBe(false);
    expect(mayUse(['officer'], undefined)).toBe(true);
    expect(mayUse([], ['officer'])).toBe(false);
  });
});
