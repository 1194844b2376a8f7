import { ErrorCode } from '@vetmeet/contracts';
import { types } from 'mediasoup';
import { AppError } from '../common/errors/app-error';

/** mediasoup throws TypeError and UnsupportedError for parameters it cannot use: the client's fault, not ours. */
export async function rejectingBadMedia<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof TypeError || error instanceof types.UnsupportedError || error instanceof types.InvalidStateError) {
      throw new AppError(ErrorCode.MediaRejected, `The media server rejected this request: ${error.message}`);
    }
    throw error;
  }
}
