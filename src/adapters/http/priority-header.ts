import { readHeader } from '../../deadline/header-access.js';
import { isPriority, type Priority } from '../../core/priority.js';

/** Default header carrying a request's priority (`low`, `standard` or `critical`). */
export const DEFAULT_PRIORITY_HEADER = 'x-request-priority';

/** The priority `headers` carry in `header` (any case); unknown or repeated-and-conflicting values are ignored. */
export function readPriority(headers: unknown, header: string): Priority | undefined {
  let found: Priority | undefined;
  for (const value of readHeader(headers, header)) {
    for (const part of value.split(',')) {
      const candidate = part.trim().toLowerCase();
      if (!isPriority(candidate)) continue;
      if (found !== undefined && found !== candidate) return undefined;
      found = candidate;
    }
  }
  return found;
}
