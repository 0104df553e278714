package org.cipherpost.handoff;

/**
 * What one republish run re-put, as stored (same {@code seq}, same signature).
 *
 * @param shares live sent shares now held by at least one node
 * @param sharesFailed live sent shares no node stored or held
 * @param receipts receipts of the last 7 days now held by at least one node
 * @param receiptsFailed receipts no node stored or held
 */
public record RepublishReport(int shares, int sharesFailed, int receipts, int receiptsFailed) {
    /**
     * Tells whether every item found a node.
     *
     * @return true when nothing failed
     */
    public boolean complete() {
        return sharesFailed == 0 && receiptsFailed == 0;
    }
}
