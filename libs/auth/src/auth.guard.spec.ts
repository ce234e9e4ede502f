import 'reflect-metadata';
import { Controller, Get, type INestApplication, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthModule } from './auth.module.js';
import { CurrentUser, Public, Roles } from './decorators.js';
import { assertCanWrite } from './department-scope.js';
import { mintLocalToken } from './mint-token.js';
import type { Principal, Role } from './principal.js';

const SECRET = 'unit-test-secret-unit-test-secret-0000';
const token = (roles: Role[], department?: string, overrides: Partial<{ secret: string; expiresIn: string; audience: string }> = {}) =>
  mintLocalToken({ secret: overrides.secret ?? SECRET, issuer: 'spotcheck', audience: overrides.audience ?? 'spotcheck', sub: 'u1', roles, department, expiresIn: overrides.expiresIn });

@Controller()
class ProbeController {
  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }

  @Get('officers-only')
  @Roles('officer', 'admin')
  officers(@CurrentUser() user: Principal) {
    return { sub: user.sub, department: user.department };
  }

  @Get('departments/:department/records')
  @Roles('officer', 'admin')
  write(@CurrentUser() user: Principal, @Param('department') department: string) {
    assertCanWrite(user, department);
    return { ok: true };
  }
}

describe('AuthGuard on HTTP routes', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ localSecret: SECRET, issuer: 'spotcheck', audience: 'spotcheck' })],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('lets anyone reach a @Public route', async () => {
    await request(app.getHttpServer()).get('/open').expect(200);
  });

  it('answers 401 without a token', async () => {
    const res = await request(app.getHttpServer()).get('/officers-only').expect(401);
    expect(res.body.message).toContain('bearer token');
  });

  it('answers 401 for a token signed with another key, an expired one, or one for another audience', async () => {
    for (const bad of [
      await token(['officer'], 'd1', { secret: 'another-secret-another-secret-00000000' }),
      await token(['officer'], 'd1', { expiresIn: '-1m' }),
      await token(['officer'], 'd1', { audience: 'someone-else' }),
      'not-a-jwt',
    ]) {
      await request(app.getHttpServer()).get('/officers-only').set('Authorization', `Bearer ${bad}`).expect(401);
    }
  });

  it('answers 403 when the role is wrong', async () => {
    const res = await request(app.getHttpServer()).get('/officers-only').set('Authorization', `Bearer ${await token(['inspector'], 'd1')}`).expect(403);
    expect(res.body.message).toContain('officer');
  });

  it('answers 200 with the principal when the role is right', async () => {
    const res = await request(app.getHttpServer()).get('/officers-only').set('Authorization', `Bearer ${await token(['officer'], 'd1')}`).expect(200);
    expect(res.body).toEqual({ sub: 'u1', department: 'd1' });
  });

  it('answers 403 for an officer of another department, and lets an admin through', async () => {
    await request(app.getHttpServer()).get('/departments/d2/records').set('Authorization', `Bearer ${await token(['officer'], 'd1')}`).expect(403);
    await request(app.getHttpServer()).get('/departments/d1/records').set('Authorization', `Bearer ${await token(['officer'], 'd1')}`).expect(200);
    await request(app.getHttpServer()).get('/departments/d2/records').set('Authorization', `Bearer ${await token(['admin'])}`).expect(200);
  });
});
