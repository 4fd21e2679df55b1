package io.aside.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The cluster harness forms a real Redis Cluster, and a killed master's replica takes over its slots.
 * It runs beside this module's other classes (see the pom): it asserts no timing, keeps to a cluster
 * of its own, and spends its time waiting for the cluster to form and to fail over. Its own tests run
 * one after the other, in order, on its thread: the second kills a master the first reads from.
 */
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTest {
    private RedisCluster cluster;

    @BeforeAll
    void start() {
        cluster = TestServers.dedicatedRedisCluster();
    }

    @AfterAll
    void close() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    @Execution(ExecutionMode.SAME_THREAD)
    void givenAFreshCluster_whenAsked_thenThreeMastersWithAReplicaEachServeEverySlot() {
        String nodes = cluster.nodes().get(0).command("CLUSTER", "NODES");

        assertThat(nodes.lines().filter(line -> line.contains("master"))).hasSize(3);
        assertThat(nodes.lines().filter(line -> line.contains("slave"))).hasSize(3);
        assertThat(cluster.nodes().get(0).command("CLUSTER", "INFO")).contains("cluster_state:ok", "cluster_slots_assigned:16384");
        assertThat(cluster.url()).startsWith("redis-cluster://127.0.0.1:");
    }

    @Test
    @Order(2)
    @Execution(ExecutionMode.SAME_THREAD)
    void givenAMasterKilled_whenItsReplicaTakesOver_thenTheClusterServesEverySlotAgain() {
        RedisServer master = cluster.masterOf(0);

        master.kill();
        RedisServer promoted = cluster.awaitFailover(0, master);
        cluster.awaitFormed();

        assertThat(promoted).isNotSameAs(master);
        assertThat(List.of(promoted.command("ROLE").split("\n"))).first().isEqualTo("master");
    }
}
