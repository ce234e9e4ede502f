import { checkTarget, type TargetFields } from './target-rules.js';

const base: TargetFields = { department: '水资源管理科', kind: 'site', category: '采砂点', name: '某某河段3号采砂点', creditClass: 'B' };
const problems = (f: Partial<TargetFields>) => checkTarget({ ...base, ...f }, '2026-11-20').problems;

describe('checkTarget: address and coordinates', () => {
  it('keeps an address and a coordinate pair, from numbers or from CSV cells', () => {
    const fromBody = checkTarget({ ...base, address: ' 杭州市西湖区某某路1号 ', latitude: 30.2741, longitude: 120.1551 }, '2026-11-20').value!;
    expect([fromBody.address, fromBody.latitude, fromBody.longitude]).toEqual(['杭州市西湖区某某路1号', 30.2741, 120.1551]);
    const fromCells = checkTarget({ ...base, address: '', latitude: '-33.5', longitude: '+151' }, '2026-11-20').value!;
    expect([fromCells.address, fromCells.latitude, fromCells.longitude]).toEqual([null, -33.5, 151]);
    expect(checkTarget({ ...base, latitude: '', longitude: null }, '2026-11-20').value).toMatchObject({ latitude: null, longitude: null });
  });

  it('accepts the ends of the ranges and refuses anything beyond them', () => {
    expect(problems({ latitude: 90, longitude: -180 })).toEqual([]);
    expect(problems({ latitude: 90.0001, longitude: 0 })).toEqual([{ column: 'latitude', message: expect.stringContaining('from -90 to 90') }]);
    expect(problems({ latitude: 0, longitude: '180.5' })).toEqual([{ column: 'longitude', message: expect.stringContaining('from -180 to 180') }]);
  });

  it('refuses a coordinate without its pair, and cells that are not plain decimal numbers', () => {
    expect(problems({ latitude: 30 })).toEqual([{ column: 'longitude', message: 'give both latitude (纬度) and longitude (经度), or neither' }]);
    expect(problems({ longitude: '120' })).toEqual([{ column: 'latitude', message: 'give both latitude (纬度) and longitude (经度), or neither' }]);
    for (const bad of ['0x1e', '1e2', '30,5', 'N30.5', 'NaN', 'Infinity']) {
      expect([bad, problems({ latitude: bad, longitude: '120' }).map((p) => p.column)]).toEqual([bad, ['latitude']]);
    }
    expect(problems({ latitude: Number.NaN, longitude: 1 }).map((p) => p.column)).toEqual(['latitude']);
  });

  it('refuses an address over 300 characters or with a line break', () => {
    expect(problems({ address: '路'.repeat(301) }).map((p) => p.column)).toEqual(['address']);
    expect(problems({ address: '某某路\n1号' }).map((p) => p.column)).toEqual(['address']);
  });
});
