/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.service;

import io.github.nifiqwenasr.api.RequestRateLimiter;
import io.github.nifiqwenasr.quota.ClusterQuota;
import io.github.nifiqwenasr.quota.QuotaClock;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.state.MockStateManager;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockComponentLog;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster quota's trouble reaches the user as one warning (a bulletin on the service) per episode. */
class LoggedQuotaEventsTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AtomicBoolean connected = new AtomicBoolean(true);
    private final MockStateManager stateManager = new MockStateManager(new StandardQwenAsrClientService());
    private final MockComponentLog log = new MockComponentLog("asr", this);
    private final ClusterQuota quota = new ClusterQuota("node-a", new ClusterStateQuotaState(stateManager),
            new RequestRateLimiter(100 / 60.0, now::get), 100 / 60.0, new RequestRateLimiter(20, now::get), 20,
            connected::get, QuotaClock.of(now::get), new LoggedQuotaEvents(log));

    @Test
    void anUnreachableClusterStateIsOneWarningThatNamesTheCauseAndWhatTheNodeKeeps() {
        tick(5);
        stateManager.setFailOnStateGet(Scope.CLUSTER, true);
        tick(30);
        final List<LogMessage> warnings = log.getWarnMessages();
        assertEquals(1, warnings.size(), warnings::toString);
        final String text = warnings.getFirst().getMsg() + Arrays.toString(warnings.getFirst().getArgs());
        assertTrue(text.contains("Cluster state is unreachable") && text.contains("1.00") && text.contains("0.20"), text);

        stateManager.setFailOnStateGet(Scope.CLUSTER, false);
        tick(2);
        assertEquals(1, log.getWarnMessages().size());
        assertTrue(log.getInfoMessages().stream().anyMatch(message -> message.getMsg().contains("answers again")));
    }

    @Test
    void aDisconnectedNodeWarnsOnceAndSaysSoWhenItIsBack() {
        tick(5);
        connected.set(false);
        tick(10);
        assertEquals(1, log.getWarnMessages().size());
        assertTrue(log.getWarnMessages().getFirst().getMsg().contains("disconnected from its cluster"));
        connected.set(true);
        tick(1);
        assertTrue(log.getInfoMessages().stream().anyMatch(message -> message.getMsg().contains("connected to its cluster again")));
    }

    private void tick(final int seconds) {
        for (int second = 0; second < seconds; second++) {
            quota.tick();
            now.addAndGet(SECOND);
        }
    }
}
