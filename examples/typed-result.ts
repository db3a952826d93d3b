// A value-returning retry: the result type flows through execute, and retryIfResult treats a
// 503-like answer as a failed attempt (the last answer is returned if every attempt gets one).
import { execute } from 'resile';

interface Quote {
  status: number;
  price?: number;
}

let calls = 0;
async function fetchQuote(symbol: string): Promise<Quote> {
  calls++;
  return calls < 3 ? { status: 503 } : { status: 200, price: symbol.length * 10.5 };
}

const quote: Quote = await execute(() => fetchQuote('ACME'), {
  maxAttempts: 4,
  baseDelay: 10,
  retryIfResult: (q) => q.status === 503,
});
console.log(`status ${quote.status}, price ${quote.price ?? 'n/a'} after ${calls} calls`);
