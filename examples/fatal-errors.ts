// Not every error deserves a retry: fatal() stops the loop at once (and is unwrapped), retryIf
// and retryOn decide by predicate or class.
import { execute, fatal, RetryExhaustedError } from 'resile';

class ValidationError extends Error {}
class NetworkError extends Error {}

let calls = 0;
try {
  await execute(() => {
    calls++;
    throw fatal(new ValidationError('email is malformed'));
  });
} catch (error) {
  console.log(`fatal: ${(error as Error).message} after ${calls} call(s); is ValidationError: ${error instanceof ValidationError}`);
}

calls = 0;
try {
  await execute(
    () => {
      calls++;
      throw calls < 3 ? new NetworkError('socket hang up') : new ValidationError('bad payload');
    },
    { retryOn: NetworkError, baseDelay: 5 },
  );
} catch (error) {
  console.log(`retryOn: stopped on ${(error as Error).constructor.name} after ${calls} calls`);
}

try {
  await execute(() => Promise.reject(new NetworkError('still down')), { maxAttempts: 3, baseDelay: 5 });
} catch (error) {
  if (error instanceof RetryExhaustedError) console.log(`exhausted: ${error.attempts} attempts, last: ${(error.cause as Error).message}`);
}
