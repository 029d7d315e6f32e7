/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one quota is split between the live nodes of a cluster, from the demand each published: max-min fair shares.
 * <p>
 * A node that got every permit it asked for (not hungry) claims what it used plus half again, and at least the floor;
 * a hungry node claims without limit. The quota is filled like water: every node gets its claim or an equal level,
 * whichever is less, with the level as high as the quota allows. So a hungry node always gets at least an equal share,
 * nodes that need little keep what they need, and the hungry split the rest. When every claim is met, what is left is
 * split equally among all, so the quota is never idle by design. The shares always add up to the quota.
 */
public final class QuotaShares {

    /** Headroom over its recent use that a satisfied node keeps, so that a small rise in its load does not starve it. */
    static final double HEADROOM = 1.5;

    private QuotaShares() {
    }

    /**
     * @param quota  the account's quota, permits per second
     * @param floor  the least claim of a live node, permits per second
     * @param self   this node's id, a key of {@code live}
     * @param live   the demand of every live node, this one included
     * @return this node's share, permits per second
     */
    public static double shareOf(final double quota, final double floor, final String self, final Map<String, NodeDemand> live) {
        final List<Double> claims = new ArrayList<>();
        for (final NodeDemand demand : live.values()) {
            if (!demand.hungry()) {
                claims.add(claim(demand, quota, floor));
            }
        }
        claims.sort(Double::compare);
        final int nodes = live.size();
        double remaining = quota;
        int unsettled = nodes;
        for (final double claim : claims) {
            if (claim > remaining / unsettled) {
                break;
            }
            remaining -= claim;
            unsettled--;
        }
        final NodeDemand mine = live.getOrDefault(self, NodeDemand.IDLE);
        if (unsettled == 0) {
            // Every claim is met (so no node is hungry): the rest is split among all.
            return claim(mine, quota, floor) + remaining / nodes;
        }
        final double level = remaining / unsettled;
        if (mine.hungry()) {
            return level;
        }
        return Math.min(claim(mine, quota, floor), level);
    }

    private static double claim(final NodeDemand demand, final double quota, final double floor) {
        return Math.min(quota, Math.max(floor, demand.usedPerSecond() * HEADROOM + floor));
    }
}
