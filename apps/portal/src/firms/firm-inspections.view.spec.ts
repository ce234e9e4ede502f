import { firmInspectionsSection, inspectionBurdenRuleText } from './firm-inspections.view.js';

describe('firm page: inspections in the last 12 months', () => {
  it('states the total across departments and lists each department, escaped', () => {
    const out = firmInspectionsSection({
      window: { from: '2025-11-21', to: '2026-11-20' },
      total: 2,
      byDepartment: [{ department: '水资源管理科', count: 2 }, { department: '<b>河湖</b>', count: 1 }],
    }).toString();
    expect(out).toContain('近12个月被检查2次（跨部门）');
    expect(out).toContain('2025-11-21至2026-11-20');
    expect(out).toContain('<th scope="row">水资源管理科</th><td class="num">2</td>');
    expect(out).toContain('&lt;b&gt;河湖&lt;/b&gt;');
  });

  it('says 0 and shows no empty table for a firm not inspected', () => {
    const out = firmInspectionsSection({ window: { from: '2025-11-21', to: '2026-11-20' }, total: 0, byDepartment: [] }).toString();
    expect(out).toContain('近12个月被检查0次（跨部门）');
    expect(out).not.toContain('<table');
  });
});

describe('task page: the announced 无事不扰 exclusion', () => {
  it('is put in words when the rules carry it, and absent otherwise', () => {
    const rules = { inspectionBurden: { excludeInspectedAtLeast: 2, window: { from: '2025-12-01', to: '2026-11-30' }, excludedTargets: 7 } };
    expect(inspectionBurdenRuleText(rules)).toBe('2025-12-01至2026-11-30已被检查2次及以上（跨部门）的对象不参加本次抽取，共7户；公告前已从对象名录中剔除');
    expect(inspectionBurdenRuleText({ excludeInspectedWithinDays: 180 })).toBeNull();
    expect(inspectionBurdenRuleText(null)).toBeNull();
    expect(inspectionBurdenRuleText({ inspectionBurden: { excludeInspectedAtLeast: '2' } })).toBeNull();
  });
});
