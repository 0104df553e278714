package org.cipherpost.dht;

/**
 * Outcome of storing one signed packet through a {@link PkarrTransport}: how many DHT nodes stored it and how many
 * refused it, by reason.
 *
 * <p>Through the DHT the counts are per node. Through a relay, {@code stored} is the relay's
 * {@code Pkarr-Dht-Stored-Nodes} header (1 when the relay does not send it), and a refusal counts 1 under its
 * reason ({@code 412 Precondition Failed} or {@code 428 Precondition Required} as a CAS mismatch,
 * {@code 409 Conflict} as stale).
 *
 * @param attempted nodes (or relays) the packet was sent to
 * @param stored nodes that confirmed storing it
 * @param stale nodes that refused it because they hold a packet at least as recent (BEP 44 error 302)
 * @param casMismatch nodes that refused it because their packet's timestamp differs from {@code cas} (error 301)
 */
public record PkarrPutResult(int attempted, int stored, int stale, int casMismatch) {

    /**
     * Checks the counts.
     *
     * @param attempted nodes asked
     * @param stored nodes that stored
     * @param stale nodes that answered 302
     * @param casMismatch nodes that answered 301
     */
    public PkarrPutResult {
        if (attempted < 0 || stored < 0 || stale < 0 || casMismatch < 0) {
            throw new IllegalArgumentException(String.format("Counts [%d, %d, %d, %d] negative", attempted, stored,
                    stale, casMismatch));
        }
    }

    /**
     * Tells whether at least one node stored the packet.
     *
     * @return true when stored somewhere
     */
    public boolean accepted() {
        return stored > 0;
    }
}
