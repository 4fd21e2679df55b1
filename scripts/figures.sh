#!/usr/bin/env bash
# Runs the herd, stale-set, stress and Redis-outage scenarios against real MariaDB and Redis (the
# same tests `mvn verify` runs, which also assert the claims) and prints the figures they measured.
set -euo pipefail
cd "$(dirname "$0")/.."
tests='ThunderingHerdTest,HerdWithoutLeasesBaselineTest,StaleModelSetTest,StalePageSetTest,RandomizedConsistencyStressTest,RedisPausedTest,RedisStoppedTest,RedisKilledTest'
mvn -q -B -pl bootstrap -am verify -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false
grep -h '^FIGURE' bootstrap/target/surefire-reports/*-output.txt
