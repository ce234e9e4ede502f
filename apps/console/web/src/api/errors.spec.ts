import { ApiError, messageOf, waitWording } from './errors';

describe('error messages', () => {
  it('shows the server message, a string or a validation list', () => {
    expect(messageOf(401, { statusCode: 401, message: '用户名或密码错误' })).toBe('用户名或密码错误');
    expect(messageOf(400, { message: ['name must be shorter', 'kind must be one of'] })).toBe('name must be shorter；kind must be one of');
  });

  it('falls back by status, never to an HTML page', () => {
    expect(messageOf(403, null)).toBe('无权执行此操作');
    expect(messageOf(502, '<html>bad gateway</html>')).toContain('502');
    expect(messageOf(418, {})).toBe('请求失败（418）');
  });

  it('reads the lockout wait', () => {
    expect(new ApiError(423, 'locked', { retryAfterSeconds: 90 }).retryAfterSeconds).toBe(90);
    expect(new ApiError(423, 'locked', {}).retryAfterSeconds).toBeNull();
    expect(waitWording(30)).toBe('30 秒');
    expect(waitWording(90)).toBe('2 分钟');
    expect(waitWording(3600)).toBe('1 小时');
    expect(waitWording(3700)).toBe('1 小时 2 分钟');
  });
});
