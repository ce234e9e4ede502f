import { columnLabel, importProgress } from './import-progress';

const job = { status: 'validating', processedRows: 0, totalRows: null, insertedRows: 0, errorCount: 0, message: null };

describe('import progress', () => {
  it('is indeterminate while the rows are counted, then counts the written rows', () => {
    expect(importProgress({ ...job, processedRows: 500 })).toMatchObject({ indeterminate: true, text: '正在校验：已读取 500 行', done: false });
    expect(importProgress({ ...job, status: 'writing', totalRows: 1000, insertedRows: 250 })).toMatchObject({ percent: 25, text: '正在写入：250 / 1000 行' });
  });

  it('ends in success or with the error count', () => {
    expect(importProgress({ ...job, status: 'succeeded', totalRows: 3, insertedRows: 3 })).toMatchObject({ percent: 100, done: true, status: 'success' });
    expect(importProgress({ ...job, status: 'failed', errorCount: 2 }).text).toBe('导入失败：发现 2 处错误，未写入任何记录');
    expect(importProgress({ ...job, status: 'failed', message: 'duplicate' }).text).toBe('导入失败：duplicate');
  });

  it('names columns as the template does', () => {
    expect(columnLabel('credit_code')).toBe('统一社会信用代码（credit_code）');
    expect(columnLabel('')).toBe('—');
    expect(columnLabel('x')).toBe('x');
  });
});
