import { HttpException, HttpStatus } from '@nestjs/common';

/** Error codes of a disk (or a quota) that has no room left. */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT']);

/**
 * Runs a write of evidence bytes; a full disk becomes 507 Insufficient Storage with a message the
 * phone can show, not a 500: the request was fine and can be sent again once there is room.
 */
export async function whileStoring<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!NO_ROOM.has((error as NodeJS.ErrnoException)?.code ?? '')) throw error;
    throw new HttpException(
      { statusCode: HttpStatus.INSUFFICIENT_STORAGE, error: 'insufficient_storage', message: `the server has no room left to store ${what}: nothing new was kept; send it again later` },
      HttpStatus.INSUFFICIENT_STORAGE,
    );
  }
}
