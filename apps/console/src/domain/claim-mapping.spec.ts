import { mapClaims, parseRoleMap } from './claim-mapping.js';

describe('OIDC claim mapping', () => {
  const mapping = { rolesClaim: 'roles', departmentClaim: 'department' };

  it('takes provider roles that are ours as they are, without a map, and drops the others', () => {
    expect(mapClaims({ roles: ['officer', 'superuser', 'auditor'], department: '水资源管理科' }, mapping)).toEqual({ roles: ['officer', 'auditor'], department: '水资源管理科' });
  });

  it('translates with the role map (one or more roles each), reads dotted claim paths and space-separated strings', () => {
    const roleMap = parseRoleMap('{"zf-officer":"officer","zf-chief":["officer","legal_reviewer"]}');
    const claims = { realm_access: { roles: ['zf-chief', 'offline_access'] }, org: { unit: ' 水政监察大队 ' } };
    expect(mapClaims(claims, { rolesClaim: 'realm_access.roles', departmentClaim: 'org.unit', roleMap })).toEqual({ roles: ['officer', 'legal_reviewer'], department: '水政监察大队' });
    expect(mapClaims({ groups: 'zf-officer other' }, { rolesClaim: 'groups', departmentClaim: 'dept', roleMap })).toEqual({ roles: ['officer'], department: null });
    // With a map, our own role names are not taken unless mapped.
    expect(mapClaims({ roles: ['admin'] }, { ...mapping, roleMap })).toEqual({ roles: [], department: null });
  });

  it('prefers a claim whose name has a dot over the path', () => {
    expect(mapClaims({ 'https://zf.example/roles': ['auditor'] }, { rolesClaim: 'https://zf.example/roles', departmentClaim: 'd' }).roles).toEqual(['auditor']);
  });

  it('never makes a console admin without an explicit map entry', () => {
    expect(mapClaims({ roles: ['admin', 'officer'], department: 'x' }, mapping).roles).toEqual(['officer']);
    expect(mapClaims({ roles: 'admin' }, mapping).roles).toEqual([]);
    expect(mapClaims({ roles: ['zf-admin'] }, { ...mapping, roleMap: parseRoleMap('{"zf-admin":"admin"}') }).roles).toEqual(['admin']);
    // A provider role named like an Object.prototype member maps to nothing.
    expect(mapClaims({ roles: ['constructor', '__proto__', 'toString'] }, { ...mapping, roleMap: parseRoleMap('{"zf-admin":"admin"}') }).roles).toEqual([]);
  });

  it('refuses a role map that is not an object of our roles', () => {
    expect(parseRoleMap(undefined)).toBeUndefined();
    expect(() => parseRoleMap('["officer"]')).toThrow('must be a JSON object');
    expect(() => parseRoleMap('{"x":"root"}')).toThrow('"x" maps to "root"');
    expect(() => parseRoleMap('{"x":[]}')).toThrow('"x" maps to []');
    expect(() => parseRoleMap('{')).toThrow();
  });
});
