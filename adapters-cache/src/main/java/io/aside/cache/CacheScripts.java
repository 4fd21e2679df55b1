package io.aside.cache;

/**
 * Every step of the cache protocol (DESIGN §3) as one Lua script, so each is atomic in Redis even
 * with many service instances sharing it. What a key holds is told apart by a one-byte tag and the
 * tag of the server life it was written in ({@link StoredValue}); a value of another life, or of
 * another format (an older Aside during a rolling deploy), is treated as absent and overwritten.
 *
 * <p>Memory: under {@code maxmemory} with {@code noeviction}, Redis refuses writes. No script may then
 * apply half of its writes. The reading scripts make at most one write, through {@code pcall}, and
 * report a refusal as "full" instead of failing (a full cache still serves hits); the invalidation,
 * which deletes and bumps several keys, is flagged {@code allow-oom}: it must never be refused.
 * <p>Every script touches keys of one hash slot ({@link RedisKeys} tags them on a cluster). The life
 * a script works in and its generation floor come from the client on one server ({@link RedisEpoch});
 * on a cluster they are left empty and each script finds its node's own ({@link #OWN_LIFE}): each
 * master has its life, and no client can tell which node will run a call after a failover.
 */
final class CacheScripts {
    private CacheScripts() {}

    /** What the reading scripts answer when Redis refused their write for lack of memory. */
    static final String FULL = "f";

    /**
     * Redis's clock in microseconds, as a string: Lua numbers are doubles and print 16 digits in
     * exponent notation.
     */
    private static final String CLOCK_MICROS = """
            local function clock_micros()
              local now = redis.call('TIME')
              return now[1] .. string.format('%06d', tonumber(now[2]))
            end
            """;

    /**
     * Where a generation starts: the clock, raised to ARGV's floor, never 0, so a lost generation key
     * (eviction, restart) never comes back to a number an old page was filed under.
     */
    private static final String GENERATION_START = CLOCK_MICROS + """
            local function generation_start(floor)
              local clock = clock_micros()
              if tonumber(clock) < tonumber(floor) then return floor end
              return clock
            end
            """;

    /**
     * A master's life, found by the script itself (a cluster): its process (run_id, new on every
     * restart, which a snapshot cannot restore) and its mastership (master_replid, new on every
     * promotion). A replica promoted after missing the last invalidations thus starts a life, and so
     * does a demoted master promoted again with what it resynchronised meanwhile. Same length as
     * {@link RedisEpoch#TAG_LENGTH}.
     */
    private static final String OWN_LIFE = """
            local function own_life()
              local info = redis.call('INFO', 'server', 'replication')
              return string.sub(string.match(info, 'run_id:(%x+)'), 1, 8) .. string.sub(string.match(info, 'master_replid:(%x+)'), 1, 8)
            end
            local function life_given(life)
              if life == '' then return own_life() end
              return life
            end
            """;

    /**
     * The floor of {@code key}'s counter in {@code life} when the client left it empty (a cluster): the
     * node's clock when the key was first met in this life, kept beside it (same hash slot). A counter
     * of an earlier life was set from a clock before this life began, plus one per write; so no
     * counter of that life reached it. Needs {@link #CLOCK_MICROS}.
     */
    private static final String OWN_FLOOR = """
            local function floor_given(floor, key, life)
              if floor ~= '' then return floor end
              local at = key .. ':life:' .. life
              local known = redis.call('GET', at)
              if known then return known end
              local clock = clock_micros()
              redis.pcall('SET', at, clock, 'EX', 2592000)
              return clock
            end
            """;

    /** Whether {@code current} (a key's content) is the lease under {@code token}, of any life. */
    private static final String HOLDS_OUR_LEASE = """
            local function holds_our_lease(current, token)
              return current and string.sub(current, 1, 1) == 'l' and string.sub(current, 18) == token
            end
            """;

    /** Whether a {@code redis.pcall} was refused, which for these single writes means Redis is out of memory. */
    private static final String REFUSED = """
            local function refused(reply)
              return type(reply) == 'table' and reply.err ~= nil
            end
            """;

    /**
     * What {@code key} holds if it belongs to this life (a value, a tombstone, a lease: someone's, or
     * ours from a retried call); otherwise takes the lease in the same step, so exactly one of many
     * concurrent readers wins it, and returns it.
     */
    private static final String LOOKUP_ENTRY = REFUSED + """
            local function lookup(key, life, token, ttl)
              local current = redis.call('GET', key)
              if current and string.sub(current, 2, 17) == life then return current end
              local lease = 'l' .. life .. token
              if refused(redis.pcall('SET', key, lease, 'PX', ttl)) then return 'f' end
              return lease
            end
            """;

    /**
     * A category's current generation, started anew when it is missing or from an earlier life (below
     * the floor). Under memory pressure the new start may not be stored: pages are then missed, not served.
     */
    private static final String CURRENT_GENERATION = GENERATION_START + """
            local function current_generation(key, floor)
              local current = redis.call('GET', key)
              local number = current and tonumber(current)
              if number and number >= tonumber(floor) then return current end
              local start = generation_start(floor)
              redis.pcall('SET', key, start)
              return start
            end
            """;

    /**
     * KEYS[1] a model's entry; ARGV[1] the current life's tag (empty: the node's own), ARGV[2] our
     * lease token, ARGV[3] lease TTL in ms.
     */
    static final LuaScript LOOKUP = new LuaScript(LOOKUP_ENTRY + OWN_LIFE + """
            return lookup(KEYS[1], life_given(ARGV[1]), ARGV[2], ARGV[3])
            """);

    /**
     * KEYS[1] a category's generation key; ARGV[1..3] as {@link #LOOKUP}, ARGV[4] the current life's
     * floor (empty: the node's own), ARGV[5] and ARGV[6] the page's key before and after its generation. Looks the page up in
     * the current generation, in one round trip; returns {generation, what LOOKUP returns}. The page key
     * is built here, not passed in: it shares the generation key's server (one Redis; a hash tag on a cluster).
     */
    static final LuaScript LOOKUP_PAGE = new LuaScript(LOOKUP_ENTRY + CURRENT_GENERATION + OWN_LIFE + OWN_FLOOR + """
            local life = life_given(ARGV[1])
            local generation = current_generation(KEYS[1], floor_given(ARGV[4], KEYS[1], life))
            return {generation, lookup(ARGV[5] .. generation .. ARGV[6], life, ARGV[2], ARGV[3])}
            """);

    /**
     * KEYS[1] entry, for a page also KEYS[2] its generation key; ARGV[1] our lease token, ARGV[2] the
     * tag to store ('v' or 't'), ARGV[3] the body, ARGV[4] TTL in ms, for a page ARGV[5] the generation
     * the lease was taken in. Stores only if our lease still holds the key (and the page's category is
     * still in that generation): an invalidation in between deleted it, and then the value we loaded
     * may be stale. The value is tagged with the life the lease was taken in, so a lease restored
     * from a snapshot cannot fill the current life. Returns 1 when stored, 0 when the lease is gone,
     * -1 when Redis is full.
     */
    static final LuaScript FILL = new LuaScript(HOLDS_OUR_LEASE + REFUSED + """
            if KEYS[2] and redis.call('GET', KEYS[2]) ~= ARGV[5] then return 0 end
            local current = redis.call('GET', KEYS[1])
            if not holds_our_lease(current, ARGV[1]) then return 0 end
            if refused(redis.pcall('SET', KEYS[1], ARGV[2] .. string.sub(current, 2, 17) .. ARGV[3], 'PX', ARGV[4])) then return -1 end
            return 1
            """);

    /**
     * KEYS[1] entry, for a page also KEYS[2] its generation key; ARGV[1] our lease token, ARGV[2] TTL in
     * ms, for a page ARGV[3] the lease's generation. Extends our lease while it holds the key and
     * could still fill it.
     */
    static final LuaScript EXTEND = new LuaScript(HOLDS_OUR_LEASE + """
            if KEYS[2] and redis.call('GET', KEYS[2]) ~= ARGV[3] then return 0 end
            if not holds_our_lease(redis.call('GET', KEYS[1]), ARGV[1]) then return 0 end
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            """);

    /** Deletes {@code key} only while our lease holds it. */
    private static final String RELEASE_ENTRY = HOLDS_OUR_LEASE + """
            local function release(key, token)
              if not holds_our_lease(redis.call('GET', key), token) then return 0 end
              return redis.call('DEL', key)
            end
            """;

    /** KEYS[1] a model's entry; ARGV[1] our lease token. */
    static final LuaScript RELEASE = new LuaScript(RELEASE_ENTRY + """
            return release(KEYS[1], ARGV[1])
            """);

    /**
     * KEYS[1] a category's generation key; ARGV[1] our lease token, ARGV[2] and ARGV[3] the page's key
     * around its generation. Releases our lease on the page of the current generation: a lease of an
     * earlier one is on a page nobody reads any more.
     */
    static final LuaScript RELEASE_PAGE = new LuaScript(RELEASE_ENTRY + """
            return release(ARGV[2] .. (redis.call('GET', KEYS[1]) or '') .. ARGV[3], ARGV[1])
            """);

    /** KEYS[1] entry; ARGV[1] the exact content expected. Deletes only that content (bytes we cannot read). */
    static final LuaScript DELETE_IF_HOLDS = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    /**
     * KEYS[1..n] model entries, KEYS[n+1..] generation keys; ARGV[1] n, ARGV[2] the current life's
     * floor (empty: the node's own). Deletes the entries (and with them any lease, which refuses the racing fill) and moves
     * each category to a new generation, all or nothing, even when Redis is out of memory.
     */
    static final LuaScript INVALIDATE = new LuaScript("#!lua flags=allow-oom\n" + GENERATION_START + OWN_LIFE + OWN_FLOOR + """
            local models = tonumber(ARGV[1])
            for i = 1, models do redis.call('DEL', KEYS[i]) end
            local life = ''
            if ARGV[2] == '' and #KEYS > models then life = own_life() end
            for i = models + 1, #KEYS do
              local floor = floor_given(ARGV[2], KEYS[i], life)
              local current = redis.call('GET', KEYS[i])
              local number = current and tonumber(current)
              if not number or number < tonumber(floor) then redis.call('SET', KEYS[i], generation_start(floor)) end
              redis.call('INCR', KEYS[i])
            end
            return #KEYS
            """);

    /** Redis's clock in milliseconds, as a number (exact: far below 2^53). */
    private static final String CLOCK_MILLIS = """
            local function clock_millis()
              local now = redis.call('TIME')
              return tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            end
            """;

    /**
     * KEYS[1] the near cache's sequence key, KEYS[2] its members; ARGV[1] the invalidations channel,
     * ARGV[2] the invalidation, ARGV[3] the current life's floor (empty: the node's own), ARGV[4] the
     * command that publishes ({@code PUBLISH}; {@code SPUBLISH} on a cluster, to the channel's shard). Numbers the invalidation (never below
     * the floor, so a sequence of a new life is above every watermark of an earlier one), publishes it
     * to every instance, and returns {sequence, Redis's clock in ms, {member, lease end in ms, …}}: the
     * instances whose acknowledgement the writer waits for. Allowed to run out of memory, like
     * {@link #INVALIDATE}: it follows one.
     */
    static final LuaScript ANNOUNCE = new LuaScript("#!lua flags=allow-oom\n" + CLOCK_MILLIS + CLOCK_MICROS + OWN_LIFE + OWN_FLOOR + """
            local life = ''
            if ARGV[3] == '' then life = own_life() end
            local floor = floor_given(ARGV[3], KEYS[1], life)
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            if current < tonumber(floor) then redis.call('SET', KEYS[1], floor) end
            local sequence = redis.call('INCR', KEYS[1])
            redis.call(ARGV[4], ARGV[1], string.format('%.0f', sequence) .. ' ' .. ARGV[2])
            local now = clock_millis()
            return {sequence, now, redis.call('ZRANGEBYSCORE', KEYS[2], now, '+inf', 'WITHSCORES')}
            """);

    /**
     * KEYS[1] the near cache's members, KEYS[2] its sequence key; ARGV[1] this instance, ARGV[2] the
     * serving lease in ms, ARGV[3] the instance's watermark (the last invalidation it applied).
     * Renews the instance's serving lease by Redis's clock — but only if it has applied every
     * invalidation announced so far: a writer waits for a lease as it was when it announced, so a
     * lease must not be extended past an announcement its holder has not heard. Forgets members whose
     * lease ran out a minute ago. Returns -1 when the instance is behind (not renewed), 1 when renewed
     * and the lease was still live, 0 when renewed after it had run out (or never was): writers may
     * then have gone on without this instance.
     */
    static final LuaScript RENEW = new LuaScript("#!lua flags=allow-oom\n" + CLOCK_MILLIS + """
            if tonumber(redis.call('GET', KEYS[2]) or '0') > tonumber(ARGV[3]) then return -1 end
            local now = clock_millis()
            local ends = redis.call('ZSCORE', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 60000)
            if ends and tonumber(ends) > now then return 1 end
            return 0
            """);

    /**
     * KEYS[1] a life's key. The first client to meet a life stores the server's clock there; every
     * later client reads it back, so all of them agree on the life's generation floor
     * ({@link RedisEpoch}). If Redis is full, each client falls back to its own clock reading, which
     * is later still. Run by EVAL on a raw connection, once per life and client.
     */
    static final String LIFE_FLOOR = CLOCK_MICROS + """
            local clock = clock_micros()
            redis.pcall('SET', KEYS[1], clock, 'NX', 'EX', 2592000)
            return redis.call('GET', KEYS[1]) or clock
            """;
}
