package org.jsna.input;

/**
 * Receives valid records as they are read, in this order: every area, then every population row,
 * then every referral, then every service event. Implemented by the aggregation stage; records may be
 * reused by the reader, so a sink copies what it keeps (into primitive arrays, not objects per row).
 */
public interface RecordSink {
    /**
     * Called once before any record: the ordinal order of referral ids and of event ids behind
     * {@link ReferralRecord#referralIndex} and {@link ServiceRecord#eventIndex}, valid for every index
     * passed to this sink.
     */
    default void idOrders(IdOrder referrals, IdOrder events) {
    }

    void area(AreaRecord r);

    void population(PopulationRecord r);

    void referral(ReferralRecord r);

    void service(ServiceRecord r);
}
