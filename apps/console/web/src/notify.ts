/** The global error display: a service's 4xx message (or a network failure) in an ElMessage, never swallowed. */
import { ElMessage } from 'element-plus';
import { ApiError } from './api/errors';

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message || '操作失败';
  return String(error);
}

export function showError(error: unknown): void {
  if ((error as Error | null)?.name === 'AbortError') return;
  ElMessage({ type: 'error', message: errorText(error), showClose: true, duration: 6000, grouping: true });
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, duration: 3000 });
}
