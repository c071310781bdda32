package org.jsna.input;

/** One valid row of areas.csv. A reader may reuse the instance: copy what you keep. */
public final class AreaRecord {
    public long line;
    public String areaCode;
    public String locality;
    public int imdDecile;
    /** Optional columns, null when absent. */
    public String areaName;
}
