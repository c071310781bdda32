package org.jsna.input;

/**
 * Receives what the readers read, implemented by the aggregation stage. First {@link #areas} once;
 * then population, referral and service batches, possibly from several reader
 * threads at once (an implementation must accept concurrent calls). A sink must not keep a batch, nor its
 * arrays, once the call returns: the reader fills them again for a later chunk.
 */
public interface RecordSink {

    /** The area lookup, before any other record. */
    void areas(AreaTable areas);

    /**
     * An estimate of the rows a referrals or services file holds (from its size and the length of its first
     * rows), before its first batch, so that a sink can make room once instead of growing arrays many times.
     */
    default void expect(String role, long rows) {
    }

    void population(PopulationBatch batch);

    void referrals(ReferralBatch batch);

    void services(ServiceBatch batch);

    /**
     * After the last service batch: links of events whose referral was looked up then
     * ({@link ServiceBatch#REFERRAL_LATER}): the referral's index and the event's start, {@code n} of them (called
     * any number of times, from any thread, one call at a time, in no set order).
     */
    void links(int[] referral, int[] start, int n);

    /** After the last service batch: how many of the events looked up then named no valid referral. */
    void referralsNotFound(long n);
}
