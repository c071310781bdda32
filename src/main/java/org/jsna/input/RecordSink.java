package org.jsna.input;

/**
 * Receives valid records as they are read, in this order: every area, then every population row,
 * then every referral, then every service event. Implemented by the aggregation stage; records may be
 * reused by the reader, so a sink copies what it keeps (into primitive arrays, not objects per row).
 */
public interface RecordSink {
    void area(AreaRecord r);

    void population(PopulationRecord r);

    void referral(ReferralRecord r);

    void service(ServiceRecord r);
}
