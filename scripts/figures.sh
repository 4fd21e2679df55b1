#!/usr/bin/env bash
# Runs the near-cache, herd (calm and under pressure), stale-set, stress, restart, partition and Redis-outage
# scenarios against real MariaDB and Redis (the same tests `mvn verify` runs, which also assert the
# claims), the consistency ones on a Redis Cluster and on memcached too, a cluster master killed and frozen, memcached servers
# killed, and prints the figures they measured.
set -euo pipefail
cd "$(dirname "$0")/.."
tests='NearCacheReadYourWritesTest,FrozenNearCacheInstanceTest,ThunderingHerdTest,HerdUnderPressureTest,HerdWithoutLeasesBaselineTest,StaleModelSetTest,StalePageSetTest,RandomizedConsistencyStressTest,RedisRestartFromSnapshotTest,PartitionedWriterTest,OutboxReplayEndToEndTest,RedisPausedTest,RedisStoppedTest,RedisKilledTest,NearCacheReadYourWritesOnRedisClusterTest,ThunderingHerdOnRedisClusterTest,StaleModelSetOnRedisClusterTest,StalePageSetOnRedisClusterTest,RandomizedConsistencyStressOnRedisClusterTest,RedisClusterMasterKilledTest,RedisClusterMasterFrozenTest,ReadYourWritesOnMemcachedTest,ThunderingHerdOnMemcachedTest,StaleModelSetOnMemcachedTest,StalePageSetOnMemcachedTest,RandomizedConsistencyStressOnMemcachedTest,MemcachedServerKilledTest,MemcachedServerDownTest'
mvn -q -B -pl bootstrap -am verify -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false
grep -h '^FIGURE' bootstrap/target/surefire-reports/*-output.txt
