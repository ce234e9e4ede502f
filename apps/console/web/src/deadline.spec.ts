import { deadlineStatus, noticeDeadline } from './deadline';

describe('working-day countdown', () => {
  it('words overdue, due today, due soon and later', () => {
    expect(deadlineStatus(-2)).toEqual({ text: '已逾期 2 个工作日', tone: 'overdue' });
    expect(deadlineStatus(0)).toEqual({ text: '今日到期', tone: 'due-soon' });
    expect(deadlineStatus(3)).toEqual({ text: '剩余 3 个工作日', tone: 'due-soon' });
    expect(deadlineStatus(4)).toEqual({ text: '剩余 4 个工作日', tone: 'normal' });
    expect(deadlineStatus(5, 5).tone).toBe('due-soon');
    expect(deadlineStatus(null).text).toBe('—');
  });

  it('counts only unpublished notices', () => {
    expect(noticeDeadline('published', '2026-11-25', -3)).toEqual({ text: '期限 2026-11-25', tone: 'done' });
    expect(noticeDeadline('draft', '2026-11-25', -3).tone).toBe('overdue');
    expect(noticeDeadline('scheduled', '2026-11-25', undefined)).toEqual({ text: '期限 2026-11-25', tone: 'normal' });
  });
});
