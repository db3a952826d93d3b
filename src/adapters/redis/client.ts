// The structural Redis client resile needs: nothing is imported from ioredis or node-redis, so
// neither is a dependency. ioredis (standalone and Cluster) is used through `evalsha`/`eval`,
// node-redis (v4 and later) through `sendCommand`, the one method whose shape every version shares.

/** The part of an ioredis client (`Redis` or `Cluster`) resile uses. */
export interface IoRedisLike {
  evalsha(sha: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

/** The part of a node-redis client (v4 and later, `createClient()`) resile uses. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** A Redis client resile can use: ioredis or node-redis. */
export type RedisClientLike = IoRedisLike | NodeRedisLike;

/** A Lua script and the SHA1 of its source (what `EVALSHA` names it by). */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

/**
 * Runs a script by its SHA and, when the server has lost it (`NOSCRIPT`), by its source (which
 * caches it again); `parse` turns the reply into the answer in the same step.
 */
export type ScriptRunner = <T>(script: LuaScript, keys: readonly string[], args: readonly string[], parse: (reply: unknown) => T) => Promise<T>;

/** True for the error a server answers `EVALSHA` with when it does not know the script. */
export function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/** True when `client` looks like a client {@link scriptRunner} can drive. */
export function isRedisClient(client: unknown): client is RedisClientLike {
  if (typeof client !== 'object' || client === null) return false;
  const c = client as Partial<IoRedisLike & NodeRedisLike>;
  return (typeof c.evalsha === 'function' && typeof c.eval === 'function') || typeof c.sendCommand === 'function';
}

/** A {@link ScriptRunner} over `client`. */
export function scriptRunner(client: RedisClientLike): ScriptRunner {
  if ('evalsha' in client && typeof client.evalsha === 'function') {
    const io = client;
    return (script, keys, args, parse) =>
      io.evalsha(script.sha, keys.length, ...keys, ...args).then(parse, (error: unknown) => {
        if (isNoScript(error)) return io.eval(script.source, keys.length, ...keys, ...args).then(parse);
        throw error;
      });
  }
  const node = client as NodeRedisLike;
  return (script, keys, args, parse) => {
    const count = String(keys.length);
    return node.sendCommand(['EVALSHA', script.sha, count, ...keys, ...args]).then(parse, (error: unknown) => {
      if (isNoScript(error)) return node.sendCommand(['EVAL', script.source, count, ...keys, ...args]).then(parse);
      throw error;
    });
  };
}
